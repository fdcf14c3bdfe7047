package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.NewJob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateJobRequestValidatorTest {
  final CreateJobRequestValidator validator = new CreateJobRequestValidator(new JobLimits(3, 1000));

  static CreateJobRequest.FileSpec file(String name) {
    return new CreateJobRequest.FileSpec(name, null, null);
  }

  @Test
  void aGoodRequestBecomesANewJobWithDefaultsFilledIn() {
    NewJob job =
        validator.validate(
            new CreateJobRequest(
                "  survey  ",
                List.of(
                    file("cam1/a.jpg"),
                    new CreateJobRequest.FileSpec("b.PNG", 1000L, "image/PNG; q=1")),
                null,
                null));
    assertThat(job.name()).isEqualTo("survey");
    assertThat(job.files())
        .extracting(io.biotrack.files.RegisteredFile::name)
        .containsExactly("cam1/a.jpg", "b.PNG");
    assertThat(job.options().confidenceThreshold()).isEqualTo(0.005);
  }

  @Test
  void everyBadFieldIsReported() {
    List<CreateJobRequest.FileSpec> files = new ArrayList<>();
    files.add(file("a.jpg"));
    files.add(file("a.jpg"));
    files.add(null);
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        "bad\u0007name", files, new CreateJobRequest.Options(-0.1), null)));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactly("name", "files[1].name", "files[2]", "options.confidenceThreshold");
  }

  @Test
  void theFileLimitAndTheSizeLimitAreNamedInTheMessages() {
    InvalidRequestException tooMany =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        null, List.of(file("a"), file("b"), file("c"), file("d")), null, null)));
    assertThat(tooMany.errors().get(0).detail()).contains("at most 3");
    InvalidRequestException tooBig =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        null,
                        List.of(new CreateJobRequest.FileSpec("a.jpg", 1001L, null)),
                        null,
                        null)));
    assertThat(tooBig.errors())
        .containsExactly(
            new FieldError("files[0].size", "is larger than the limit of 1000 bytes per file"));
  }

  @Test
  void noBodyIsRefusedButNoFilesIsAJobToRegisterFilesIn() {
    assertThat(validator.validate(new CreateJobRequest("x", List.of(), null, null)).files())
        .isEmpty();
    assertThat(catchThrowableOfType(InvalidRequestException.class, () -> validator.validate(null)))
        .isNotNull();
  }

  @Test
  void aNameThatIsAlsoAnotherFilesFolderIsRefusedNamingBothFiles() {
    CreateJobRequestValidator roomy = new CreateJobRequestValidator(new JobLimits(100, 1000));
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                roomy.validate(
                    new CreateJobRequest(
                        null,
                        List.of(
                            file("f.jpg"),
                            file("f.jpg/inner.jpg"),
                            file("d.jpg/e.jpg"),
                            file("ok/a.jpg"),
                            file("d.jpg")),
                        null,
                        null)));
    assertThat(e.errors())
        .containsExactly(
            new FieldError(
                "files[1].name",
                "'f.jpg' is a file and also the folder of 'f.jpg/inner.jpg'; a name cannot be"
                    + " both: rename one of them"),
            new FieldError(
                "files[4].name",
                "'d.jpg' is a file and also the folder of 'd.jpg/e.jpg'; a name cannot be both:"
                    + " rename one of them"));
  }

  @Test
  void overlongFolderNamesAndTextDirectionControlsAreRefusedFieldByField() {
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        null,
                        List.of(file("x".repeat(300) + "/a.jpg"), file("photo-\u202Egpj.exe")),
                        null,
                        null)));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactly("files[0].name", "files[1].name");
    assertThat(e.errors().get(0).detail()).contains("longer than 255 bytes");
    assertThat(e.errors().get(1).detail())
        .contains("text-direction character U+202E")
        .doesNotContain("\u202E");
  }

  @Test
  void filesAreOptionalAndTheShardSizeIsChecked() {
    NewJob empty = validator.validate(new CreateJobRequest("later", null, null, 250));
    assertThat(empty.files()).isEmpty();
    assertThat(empty.options().shardSize()).isEqualTo(250);
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> validator.validate(new CreateJobRequest("x", null, null, 0)));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("shardSize");
  }

  @Test
  void speciesOptionsAreValidatedFieldByField() {
    NewJob job =
        validator.validate(
            new CreateJobRequest(
                "x", List.of(), new CreateJobRequest.Options(null, true, "ken", null), null));
    assertThat(job.options().species().classify()).isTrue();
    assertThat(job.options().species().country()).isEqualTo("KEN");

    InvalidRequestException country =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        "x",
                        List.of(),
                        new CreateJobRequest.Options(null, true, "XYZ", null),
                        null)));
    assertThat(country.errors()).extracting(FieldError::field).containsExactly("options.country");
    assertThat(country.errors().get(0).detail())
        .contains("unknown country \"XYZ\"")
        .contains("alpha-3");

    InvalidRequestException state =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        "x",
                        List.of(),
                        new CreateJobRequest.Options(null, true, "USA", "ZZ"),
                        null)));
    assertThat(state.errors()).extracting(FieldError::field).containsExactly("options.admin1");

    InvalidRequestException noClassify =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                validator.validate(
                    new CreateJobRequest(
                        "x",
                        List.of(),
                        new CreateJobRequest.Options(null, null, "USA", null),
                        null)));
    assertThat(noClassify.errors())
        .extracting(FieldError::field)
        .containsExactly("options.classify");
  }

  @Test
  void aModelMustBeInstalledAndTheErrorListsTheInstalledOnes() {
    CreateJobRequestValidator embedded =
        new CreateJobRequestValidator(new JobLimits(3, 1000), () -> List.of("mdv5a", "redwood"));

    assertThat(
            embedded
                .validate(new CreateJobRequest("x", null, null, null, "redwood"))
                .options()
                .model())
        .isEqualTo("redwood");
    assertThat(embedded.validate(new CreateJobRequest("x", null, null, null)).options().model())
        .isNull();
    InvalidRequestException e =
        catchThrowableOfType(
            () -> embedded.validate(new CreateJobRequest("x", null, null, null, "mdv6")),
            InvalidRequestException.class);
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("model");
              assertThat(error.detail())
                  .contains("'mdv6'", "mdv5a, redwood", "biotrack model install");
            });
    // In a cluster any well-formed name goes to the workers' share.
    assertThat(
            validator
                .validate(new CreateJobRequest("x", null, null, null, "cedar"))
                .options()
                .model())
        .isEqualTo("cedar");
    assertThat(
            catchThrowableOfType(
                () -> validator.validate(new CreateJobRequest("x", null, null, null, "../etc")),
                InvalidRequestException.class))
        .isNotNull();
  }
}
