package io.biotrack.shard;

import java.util.BitSet;
import java.util.Objects;

/**
 * A set of shard numbers written as ranges, {@code "0-57,59,61-63"}: a job of a million photos in
 * 500 shards keeps its completed shards in a few bytes of a BioJob's status.
 */
public final class ShardSet {
  private final BitSet bits;

  private ShardSet(BitSet bits) {
    this.bits = bits;
  }

  public static ShardSet empty() {
    return new ShardSet(new BitSet());
  }

  /**
   * @throws IllegalArgumentException for text this class did not write
   */
  public static ShardSet parse(String text) {
    BitSet bits = new BitSet();
    if (text == null || text.isBlank()) {
      return new ShardSet(bits);
    }
    try {
      for (String part : text.split(",")) {
        int dash = part.indexOf('-');
        if (dash < 0) {
          bits.set(Integer.parseInt(part.strip()));
        } else {
          int from = Integer.parseInt(part.substring(0, dash).strip());
          int to = Integer.parseInt(part.substring(dash + 1).strip());
          if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range " + part);
          }
          bits.set(from, to + 1);
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a shard set: " + text, e);
    }
    return new ShardSet(bits);
  }

  public boolean contains(int shard) {
    return bits.get(shard);
  }

  public int size() {
    return bits.cardinality();
  }

  public ShardSet with(int shard) {
    BitSet copy = (BitSet) bits.clone();
    copy.set(shard);
    return new ShardSet(copy);
  }

  /** Whether every shard {@code 0..count-1} is in the set. */
  public boolean containsAll(int count) {
    return bits.nextClearBit(0) >= count;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int from = bits.nextSetBit(0); from >= 0; ) {
      int to = bits.nextClearBit(from) - 1;
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(from);
      if (to > from) {
        out.append('-').append(to);
      }
      from = bits.nextSetBit(to + 1);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardSet set && set.bits.equals(bits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bits);
  }
}
