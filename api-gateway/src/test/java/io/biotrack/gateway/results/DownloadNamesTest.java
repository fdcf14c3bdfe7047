package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadNamesTest {
  @Test
  void aJobsNameBecomesAFileNameSafeOnEverySystem() {
    assertThat(DownloadNames.base("Serra da Canastra, May", "j1"))
        .isEqualTo("Serra da Canastra, May");
    assertThat(DownloadNames.base("../../etc/passwd", "j1")).isEqualTo("_.._etc_passwd");
    assertThat(DownloadNames.base("cam1\\a:b*c?d\"e<f>g|h", "j1"))
        .isEqualTo("cam1_a_b_c_d_e_f_g_h");
    assertThat(DownloadNames.base("photo-\u202Egpj.exe", "j1")).isEqualTo("photo-_gpj.exe");
    assertThat(DownloadNames.base(" .hidden. ", "j1")).isEqualTo("hidden");
    assertThat(DownloadNames.base("a".repeat(300), "j1")).hasSize(DownloadNames.MAX_LENGTH);
  }

  @Test
  void aJobWithoutAUsableNameIsNamedByItsId() {
    assertThat(DownloadNames.base(null, "j1")).isEqualTo("biotrack-j1");
    assertThat(DownloadNames.base("  ", "j1")).isEqualTo("biotrack-j1");
    assertThat(DownloadNames.base("///", "j1")).isEqualTo("biotrack-j1");
  }

  @Test
  void theHeaderCarriesAnAsciiNameAndTheExactOne() {
    assertThat(DownloadNames.attachment("Campanha São Paulo \"1\"", ".csv"))
        .isEqualTo(
            "attachment; filename=\"Campanha S_o Paulo _1_.csv\";"
                + " filename*=UTF-8''Campanha%20S%C3%A3o%20Paulo%20%221%22.csv");
  }
}
