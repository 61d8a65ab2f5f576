package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several services per target: each with its own base URL, paths, readiness path and version gate. */
class ServicesConfigTests {

    @TempDir
    Path dir;

    private Path file;

    private TargetSettings target(String hocon, String name) {
        file = ConfigFiles.write(dir, hocon);
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), Map.of(), n -> null, dir)
                .target(new TargetSelection(name, "a test"));
    }

    private TargetSettings staging(String services) {
        return target("""
                staging-target {
                  defaults {
                    ready.path = "/health"
                    services.api.paths { lists = "/lists/", list = "/lists/{id}" }
                  }
                  targets.staging {
                    base-url = "https://www.staging.example.com/"
                    paths.home = "/"
                    %s
                  }
                }
                """.formatted(services), "staging");
    }

    @Test
    void eachServiceHasItsOwnBaseUrlPathsReadinessAndVersion() {
        TargetSettings settings = staging("""
                services {
                      api {
                        base-url = "https://api.staging.example.com/v2"
                        ready.path = "/api-health"
                        version { path = "/api-version", expected = "1.4.2" }
                      }
                      admin.base-url = "https://admin.staging.example.com/"
                    }
                """);

        assertThat(settings.services()).containsOnlyKeys("admin", "api");
        assertThat(settings.services().keySet()).containsExactly("admin", "api");
        ServiceSettings api = settings.services().get("api");
        assertThat(api.baseUrl()).isEqualTo("https://api.staging.example.com/v2/");
        assertThat(api.paths()).containsOnlyKeys("lists", "list");
        assertThat(api.readyPath()).isEqualTo("/api-health");
        assertThat(api.version().path()).contains("/api-version");
        assertThat(api.version().expected()).contains("1.4.2");
        ServiceSettings admin = settings.services().get("admin");
        assertThat(admin.readyPath()).as("the target's ready.path").isEqualTo("/health");
        assertThat(admin.version().isChecked())
                .as("versioned on its own: no fallback")
                .isFalse();
        assertThat(admin.paths())
                .as("defaults.services.api.paths are the api's only")
                .isEmpty();

        ConfiguredTarget target = ConfiguredTarget.of(settings);
        assertThat(target.baseUri()).isEqualTo(URI.create("https://www.staging.example.com/"));
        assertThat(target.serviceNames()).containsExactly("admin", "api");
        Target apiTarget = target.service("api");
        assertThat(apiTarget.name()).isEqualTo("staging");
        assertThat(apiTarget.baseUri()).isEqualTo(URI.create("https://api.staging.example.com/v2/"));
        assertThat(apiTarget.url("list", 7)).isEqualTo(URI.create("https://api.staging.example.com/v2/lists/7"));
        assertThat(apiTarget.path("lists")).isEqualTo("/lists/");
        assertThat(apiTarget.pathNames()).containsExactlyInAnyOrder("lists", "list");
        assertThat(apiTarget.service("admin").baseUri()).isEqualTo(URI.create("https://admin.staging.example.com/"));
        assertThat(apiTarget.values()).isSameAs(target.values());
        assertThat(apiTarget.toString())
                .isEqualTo("Service api of target staging at https://api.staging.example.com/v2/");
        assertThat(target.service("api").label()).isEqualTo("Service 'api' of target 'staging'");
        assertThat(target.service("api").key("version.expected"))
                .isEqualTo("staging-target.targets.staging.services.api.version.expected");
    }

    @Test
    void aTargetWithoutServicesKeepsItsBaseUrlAlone() {
        TargetSettings settings =
                target("staging-target.targets.staging.base-url = \"https://www.staging.example.com/\"", "staging");

        assertThat(settings.services()).isEmpty();
        assertThat(ConfiguredTarget.of(settings).serviceNames()).isEmpty();
        assertThatThrownBy(() -> ConfiguredTarget.of(settings).service("api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown service 'api' of target 'staging'. It has no named services (besides its "
                        + "base-url, the default service, which needs no name). Add it as "
                        + "staging-target.targets.staging.services.api { base-url = \"https://...\" }.");
    }

    @Test
    void anUnknownServiceListsTheKnownOnes() {
        ConfiguredTarget target = ConfiguredTarget.of(staging("services.api.base-url = \"https://api.example.com/\""
                + "\n    services.web.base-url = \"https://web.example.com/\""));

        assertThatThrownBy(() -> target.service("apii"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown service 'apii' of target 'staging'. Its services: api, web (besides");
        assertThatThrownBy(() -> target.service("api").url("home"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown path 'home' for service 'api' of target 'staging'. Known paths: list, lists. Add"
                        + " it under staging-target.defaults.services.api.paths (all targets) or "
                        + "staging-target.targets.staging.services.api.paths.");
    }

    @Test
    void aServiceWithoutBaseUrlNamesTheKey() {
        assertThatThrownBy(() -> staging("services.api.ready.path = \"/x\""))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining(": staging-target.targets.staging.services.api.base-url is not set: expected an "
                        + "absolute http or https URL");
    }

    @Test
    void badServiceUrlsNamesAndBlocksAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> staging("services.api.base-url = \"ftp://api.example.com/\""))
                .hasMessage(
                        file + ": 9: staging-target.targets.staging.services.api.base-url: expected an absolute "
                                + "http or https URL such as https://staging.example.com/, but was '\"ftp://api.example.com/\"'");
        assertThatThrownBy(() -> staging("services = \"api\""))
                .hasMessage(file + ": 9: staging-target.targets.staging.services: expected an object of named "
                        + "services such as { api { base-url = \"https://api.example.com/\" } }, but was '\"api\"'");
        assertThatThrownBy(() -> staging("services.\"my api\".base-url = \"https://api.example.com/\""))
                .hasMessageContaining("staging-target.targets.staging.services.\"my api\": expected a service block "
                        + "named with letters, digits, _ or -");
        assertThatThrownBy(() -> staging("services.api.baseurl = \"https://api.example.com/\""))
                .hasMessageStartingWith(file + ": 9: staging-target.targets.staging.services.api.baseurl is not a "
                        + "StagingTarget key: did you mean 'base-url'?");
        assertThatThrownBy(() -> staging("services.api { base-url = \"https://a.example.com/\", ready.timeout = 5s }"))
                .hasMessageStartingWith(file + ": 9: staging-target.targets.staging.services.api.ready.timeout is not "
                        + "a StagingTarget key");
        assertThatThrownBy(() ->
                        staging("services.api { base-url = \"https://a.example.com/\", version.expected = \"1\" }"))
                .hasMessageContaining("staging-target.targets.staging.services.api.version.expected is set, so "
                        + "staging-target.targets.staging.services.api.version.path is needed");
    }

    @Test
    void portOfTheLaunchedApplicationIsFilledIntoServicesToo() {
        TargetSettings local = target("""
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/"
                  launch.main-class = "com.example.App"
                  services.api.base-url = "http://127.0.0.1:{port}/api/"
                  services.mail.base-url = "http://127.0.0.1:8025/"
                }
                """, "local");

        assertThat(local.needsPort()).isTrue();
        ConfiguredTarget target = ConfiguredTarget.onPort(local, 4321);
        assertThat(target.service("api").baseUri()).isEqualTo(URI.create("http://127.0.0.1:4321/api/"));
        assertThat(target.service("mail").baseUri()).isEqualTo(URI.create("http://127.0.0.1:8025/"));
        assertThatThrownBy(() -> staging("services.api.base-url = \"http://127.0.0.1:{port}/\""))
                .hasMessageContaining("staging-target.targets.staging.services.api.base-url: expected an absolute "
                        + "http or https URL such as https://staging.example.com/ without {port}: {port} is only "
                        + "filled in when the target has a launch block");
    }
}
