package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuilderTest {

    @Test
    void defaultsToTheLocalCoordinator() {
        assertThat(CorralClient.builder().build().baseUrl()).isEqualTo("http://127.0.0.1:4401");
    }

    @Test
    void dropsTrailingSlashesAndKeepsAPathPrefix() {
        assertThat(CorralClient.builder().baseUrl(" https://corral.example.com/ ").build().baseUrl())
                .isEqualTo("https://corral.example.com");
        assertThat(CorralClient.builder().baseUrl("http://lb:80/corral//").build().baseUrl())
                .isEqualTo("http://lb:80/corral");
    }

    @Test
    void rejectsWhatIsNotAnHttpServerUrl() {
        for (String bad : new String[] {"", "127.0.0.1:4401", "ftp://host", "http://", "http://h/?x=1", "http://a b"}) {
            assertThatThrownBy(() -> CorralClient.builder().baseUrl(bad).build()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> CorralClient.builder().timeoutMs(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutMs");
    }
}
