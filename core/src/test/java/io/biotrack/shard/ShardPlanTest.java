package io.biotrack.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardPlanTest {
  @Test
  void shardsAreConsecutiveRangesTheLastOneShorter() {
    ShardPlan plan = new ShardPlan(4_501, 2_000);
    assertThat(plan.count()).isEqualTo(3);
    assertThat(plan.from(2)).isEqualTo(4_000);
    assertThat(plan.size(0)).isEqualTo(2_000);
    assertThat(plan.size(2)).isEqualTo(501);
    assertThat(plan.describe(1)).isEqualTo("shard 1 (photos 2,001–4,000)");
    assertThatThrownBy(() -> plan.from(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMillionPhotosInShardsOfOne() {
    ShardPlan plan = new ShardPlan(1_000_000, 1);
    assertThat(plan.count()).isEqualTo(1_000_000);
    assertThat(plan.size(999_999)).isEqualTo(1);
  }

  @Test
  void workloadNamesFitKubernetesAndAci() {
    String name = ShardNames.workload("0123456789abcdefghjkmnpqrs", 99_999, 20);
    assertThat(name).hasSizeLessThanOrEqualTo(63 - 6).matches("[a-z0-9-]+");
  }

  @Test
  void shardSetsAreRanges() {
    ShardSet set = ShardSet.empty().with(0).with(1).with(2).with(5).with(7).with(8);
    assertThat(set).hasToString("0-2,5,7-8");
    assertThat(ShardSet.parse("0-2,5,7-8")).isEqualTo(set);
    assertThat(set.size()).isEqualTo(6);
    assertThat(set.containsAll(3)).isTrue();
    assertThat(set.containsAll(4)).isFalse();
    assertThat(ShardSet.parse("")).isEqualTo(ShardSet.empty());
    assertThatThrownBy(() -> ShardSet.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
  }
}
