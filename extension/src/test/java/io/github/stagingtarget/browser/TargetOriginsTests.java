package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URLs count as the target's own, in the form Chromium reports them. */
class TargetOriginsTests {

    private final TargetOrigins origins = TargetOrigins.of(
            List.of(URI.create("https://Staging.Example.com:443/app/"), URI.create("http://127.0.0.1:8080/")));

    @Test
    void originsAreWrittenAsChromiumWritesURLs() {
        assertThat(origins.asSet()).containsExactlyInAnyOrder("https://staging.example.com", "http://127.0.0.1:8080");
        assertThat(origins.urlPatterns()).containsExactly("https://staging.example.com/*", "http://127.0.0.1:8080/*");
        assertThat(origins.https()).containsExactly(URI.create("https://staging.example.com"));
    }

    @Test
    void onlyTheSameSchemeHostAndPortAreTheTargets() {
        assertThat(origins.contains("https://staging.example.com/lists/1/?q=x")).isTrue();
        assertThat(origins.contains("https://staging.example.com:443/")).isTrue();
        assertThat(origins.contains("http://127.0.0.1:8080/x")).isTrue();

        assertThat(origins.contains("http://staging.example.com/"))
                .as("other scheme")
                .isFalse();
        assertThat(origins.contains("https://staging.example.com:8443/"))
                .as("other port")
                .isFalse();
        assertThat(origins.contains("https://cdn.staging.example.com/"))
                .as("sub-domain")
                .isFalse();
        assertThat(origins.contains("https://staging.example.com.evil.test/"))
                .as("longer host")
                .isFalse();
        assertThat(origins.contains("http://127.0.0.1:80801/"))
                .as("longer port")
                .isFalse();
        assertThat(origins.contains("data:text/html,x")).isFalse();
        assertThat(origins.contains("not a url")).isFalse();
        assertThat(origins.contains(null)).isFalse();
    }
}
