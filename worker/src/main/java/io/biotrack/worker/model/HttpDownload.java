package io.biotrack.worker.model;

import io.biotrack.model.PublishedCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Downloads a published checkpoint (GitHub release assets redirect to their storage). */
public final class HttpDownload implements ModelInstaller.CheckpointSource {
  private final PrintStream log;

  public HttpDownload(PrintStream log) {
    this.log = log;
  }

  @Override
  public Path fetch(PublishedCheckpoint checkpoint, Path into) throws InstallException {
    Path file = into.resolve(checkpoint.fileName());
    log.println("biotrack: downloading " + checkpoint.url());
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    try {
      HttpResponse<Path> response =
          client.send(
              HttpRequest.newBuilder(URI.create(checkpoint.url())).GET().build(),
              HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() != 200) {
        throw new InstallException(
            "the download of "
                + checkpoint.url()
                + " answered HTTP "
                + response.statusCode()
                + ": download it yourself and run `./biotrack model install NAME --from FILE`",
            false);
      }
      return file;
    } catch (IOException e) {
      throw new InstallException(
          "cannot download "
              + checkpoint.url()
              + " ("
              + e.getMessage()
              + "): download it yourself and"
              + " run `./biotrack model install NAME --from FILE`",
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallException("interrupted", false);
    }
  }
}
