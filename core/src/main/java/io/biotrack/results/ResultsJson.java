package io.biotrack.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Reads and writes MegaDetector batch output the way {@code ct_utils.write_json} does: one-space
 * indentation, ASCII-only ({@code ensure_ascii=True}), floats as Python's {@code repr} ({@code
 * 1.0}, {@code 0.0001}, never {@code 1.0E-4}), {@code "key": value}.
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter WRITER =
      MAPPER.writer(pythonIndent()).with(new PythonJsonEscapes());

  private ResultsJson() {}

  /** The mapper configured for MegaDetector's format; also for checkpoints. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void write(Object value, OutputStream out) {
    try {
      WRITER.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] toBytes(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BatchResults read(InputStream in) throws IOException {
    return MAPPER.readValue(in, BatchResults.class);
  }

  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    return MAPPER.readValue(in, type);
  }

  /** Python's {@code repr} of a float, e.g. {@code 0.0001}, {@code 1e-05}, {@code 1.0}. */
  public static String pythonFloat(double value) {
    return PythonFloatRepr.of(value);
  }

  private static ObjectMapper newMapper() {
    SimpleModule floats = new SimpleModule("python-floats");
    floats.addSerializer(Double.class, new PythonFloatSerializer());
    floats.addSerializer(double.class, new PythonFloatSerializer());
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(floats)
        .build();
  }

  private static DefaultPrettyPrinter pythonIndent() {
    DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("")
            .withObjectEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentArraysWith(oneSpace);
    printer.indentObjectsWith(oneSpace);
    return printer;
  }

  private static final class PythonFloatSerializer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeNumber(pythonFloat(value));
    }
  }
}
