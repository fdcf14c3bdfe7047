package io.biotrack.standin;

import io.biotrack.gateway.GatewayApplication;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The gateway with the {@link StandInEndpoints} beside it, for the browser tests of job states that
 * the real platform passes through too quickly to watch, or only on faults. The stand-in runs in
 * the gateway's JVM because the embedded database is the gateway's alone (no other process may open
 * it). Run from the gateway jar with the test classes on {@code loader.path}; of those, only this
 * package joins the application: the gateway's component scan would otherwise also pick up the test
 * configurations of other tests.
 */
public final class StandInGateway {
  private StandInGateway() {}

  public static void main(String[] args) throws Exception {
    Path testClasses =
        Path.of(StandInGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    SpringApplication application =
        new SpringApplication(GatewayApplication.class, StandInEndpoints.class);
    application.addInitializers(
        context ->
            context
                .getBeanFactory()
                .registerSingleton(
                    "onlyTheStandInOfTheTestClasses", new OnlyTheStandIn(testClasses)));
    application.run(args);
  }

  /** Leaves the test classes out of the component scan. */
  static final class OnlyTheStandIn extends TypeExcludeFilter {
    private final Path testClasses;

    OnlyTheStandIn(Path testClasses) {
      this.testClasses = testClasses;
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
      // A test class is a file under the test classes' folder; the gateway's own are in its jar.
      return reader.getResource().getURL().toString().startsWith(testClasses.toUri().toString());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof OnlyTheStandIn o && o.testClasses.equals(testClasses);
    }

    @Override
    public int hashCode() {
      return testClasses.hashCode();
    }
  }
}
