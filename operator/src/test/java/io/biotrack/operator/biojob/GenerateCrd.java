package io.biotrack.operator.biojob;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.File;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Generates the BioJob CRD (the build runs it; see operator/pom.xml) with fabric8's generator,
 * keeping the printer columns in the order {@link BioJob} declares them. The generator sorts
 * {@code @AdditionalPrinterColumn}s by JSON path, which would make {@code kubectl get biojobs} show
 * Age first; the contract's order is Phase, Images, Processed, Shards, Launcher, Attempt, Age.
 *
 * <p>Usage: {@code GenerateCrd OUTPUT_DIR} writes {@code biojobs.biotrack.io-v1.yml} there.
 */
public final class GenerateCrd {
  private GenerateCrd() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GenerateCrd OUTPUT_DIR");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    int generated =
        new CRDGenerator()
            .customResourceClasses(BioJob.class)
            .withImplicitPreserveUnknownFields(false)
            .withMinQuotes(false)
            .withPostProcessor(new DeclaredColumnOrder())
            .inOutputDir(out)
            .generate();
    if (generated != 1) {
      throw new IllegalStateException("expected one CRD, generated " + generated);
    }
  }

  /** Puts the printer columns back in the order of the annotations on the class. */
  static final class DeclaredColumnOrder implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      List<String> declared =
          Arrays.stream(BioJob.class.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      Comparator<CustomResourceColumnDefinition> order =
          Comparator.comparingInt(column -> declared.indexOf(column.getName()));
      ((CustomResourceDefinition) crd)
          .getSpec()
          .getVersions()
          .forEach(version -> version.getAdditionalPrinterColumns().sort(order));
      return crd;
    }
  }
}
