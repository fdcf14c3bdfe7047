package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClassificationNamesTest {
  private static ClassificationNames read(String json) throws IOException {
    return ClassificationNames.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theCategoriesAfterTheImagesAreReadAndTheImagesSkipped() throws IOException {
    ClassificationNames names =
        read(
            "{\"images\": [{\"file\": \"a.jpg\", \"detections\": [{\"category\": \"1\", \"conf\":"
                + " 0.9, \"bbox\": [0,0,1,1], \"classifications\": [[\"3\", 0.9]]}]}],"
                + " \"detection_categories\": {\"1\": \"animal\"}, \"classification_categories\":"
                + " {\"3\": \"red fox\", \"4\": \"vulpes species\"},"
                + " \"classification_category_descriptions\": {\"3\":"
                + " \"u1;mammalia;carnivora;canidae;vulpes;vulpes;red fox\", \"4\":"
                + " \"u2;mammalia;carnivora;canidae;vulpes;;\"}, \"info\": {}}");
    assertThat(names.label("3")).isEqualTo("u1;mammalia;carnivora;canidae;vulpes;vulpes;red fox");
    assertThat(names.name("3")).isEqualTo("red fox");
    assertThat(names.commonName("3")).isEqualTo("red fox");
    assertThat(names.name("4")).isEqualTo("vulpes species");
    assertThat(names.commonName("4")).isEmpty();
    assertThat(names.label("9")).isEqualTo("9");
  }

  @Test
  void withoutDescriptionsTheNameIsTheLabelAndThereIsNoCommonName() throws IOException {
    ClassificationNames names =
        read("{\"images\": [], \"classification_categories\": {\"0\": \"deer\"}}");
    assertThat(names.label("0")).isEqualTo("deer");
    assertThat(names.commonName("0")).isEmpty();
    assertThat(read("{\"images\": []}")).isEqualTo(ClassificationNames.NONE);
  }

  @Test
  void somethingThatIsNotAnObjectIsAnError() {
    assertThatThrownBy(() -> read("[1]")).isInstanceOf(IOException.class);
  }
}
