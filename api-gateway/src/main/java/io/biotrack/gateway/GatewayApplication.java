package io.biotrack.gateway;

import io.biotrack.gateway.auth.KeyCommands;
import io.biotrack.gateway.bench.GatewayBench;
import io.biotrack.gateway.submit.SubmitCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Biotrack gateway. {@code java -jar biotrack-api-gateway.jar [spring options]} serves the API;
 * the first argument may instead name a tool: {@code hash-key}, {@code new-key TENANT}, {@code
 * bench}, {@code submit DIR}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "hash-key" -> System.exit(KeyCommands.hashKey(System.in, System.out, System.err));
      case "new-key" -> System.exit(KeyCommands.newKey(rest, System.out, System.err));
      case "bench" -> System.exit(GatewayBench.run(rest));
      case "submit" -> System.exit(SubmitCommand.run(rest));
      default -> SpringApplication.run(GatewayApplication.class, args);
    }
  }
}
