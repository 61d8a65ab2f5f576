package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredTargetTests {

    private static final VersionSettings NO_VERSION = new VersionSettings(Optional.empty(), Optional.empty(), "x");

    private static ConfiguredTarget target(String baseUrl, Map<String, String> paths) {
        Map<String, PathTemplate> templates = new java.util.HashMap<>();
        paths.forEach((name, template) ->
                templates.put(name, PathTemplate.parse(name, template, "paths." + name, "test.conf: 1")));
        return ConfiguredTarget.of(new TargetSettings(
                "staging",
                false,
                baseUrl,
                templates,
                new ReadySettings(true, "/", Duration.ofSeconds(1), Duration.ofMillis(10)),
                NO_VERSION,
                Optional.empty(),
                null, // URLs never look at the browser
                ConfiguredValues.none("staging"),
                Map.of(),
                HttpSettings.none("staging")));
    }

    private final ConfiguredTarget staging = target(
            "https://staging.example.com/app/",
            Map.of(
                    "home",
                    "/",
                    "list",
                    "/lists/{id}/",
                    "item",
                    "/lists/{list}/items/{item}",
                    "search",
                    "search?q={q}"));

    @Test
    void expandsByNameAndKeepsTheBasePath() {
        assertThat(staging.url("list", Map.of("id", 7)))
                .isEqualTo(URI.create("https://staging.example.com/app/lists/7/"));
        assertThat(staging.url("home")).isEqualTo(URI.create("https://staging.example.com/app/"));
        assertThat(staging.url("search", Map.of("q", "milk")))
                .isEqualTo(URI.create("https://staging.example.com/app/search?q=milk"));
    }

    @Test
    void expandsByPositionInTemplateOrder() {
        assertThat(staging.url("item", 3, "x"))
                .isEqualTo(URI.create("https://staging.example.com/app/lists/3/items/x"));
    }

    @Test
    void percentEncodesValuesSoTheyStayOneSegment() {
        assertThat(staging.url("list", "a/b c?d=é&#").toString())
                .isEqualTo("https://staging.example.com/app/lists/a%2Fb%20c%3Fd%3D%C3%A9%26%23/");
    }

    @Test
    void unknownPathListsTheKnownOnes() {
        assertThatThrownBy(() -> staging.url("lsit", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Unknown path 'lsit' for target 'staging'. Known paths: home, item, list, search.");
    }

    @Test
    void missingPlaceholderValueIsNamed() {
        assertThatThrownBy(() -> staging.url("item", Map.of("list", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Path 'item' (/lists/{list}/items/{item}) needs a value for placeholder {item}, "
                        + "but got values for [list]. Defined at test.conf: 1");
    }

    @Test
    void unknownPlaceholderIsRefused() {
        assertThatThrownBy(() -> staging.url("list", Map.of("idd", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Path 'list' (/lists/{id}/) has no placeholder {idd}; its placeholders are {id}.");
    }

    @Test
    void wrongNumberOfPositionalValuesIsRefused() {
        assertThatThrownBy(() -> staging.url("item", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Path 'item' (/lists/{list}/items/{item}) takes 2 values for {list}, {item}, but got 1.");
    }

    @Test
    void nullValueCountsAsMissing() {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", null);
        assertThatThrownBy(() -> staging.url("list", values))
                .hasMessageContaining("needs a value for placeholder {id}");
    }

    @Test
    void unbalancedBracesAreAConfigError() {
        assertThatThrownBy(() ->
                        PathTemplate.parse("list", "/lists/{id/", "staging-target.defaults.paths.list", "x.conf: 4"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage(
                        "x.conf: 4: staging-target.defaults.paths.list: expected a path whose placeholders look like "
                                + "{name} (letters, digits, _ . -), but was '/lists/{id/'");
    }

    @Test
    void portIsFilledIntoTheBaseUrl() {
        TargetSettings definition = new TargetSettings(
                "local",
                true,
                "http://127.0.0.1:{port}/",
                Map.of(),
                new ReadySettings(true, "/", Duration.ofSeconds(1), Duration.ofMillis(10)),
                NO_VERSION,
                Optional.empty(),
                null,
                ConfiguredValues.none("local"),
                Map.of(),
                HttpSettings.none("local"));
        assertThat(ConfiguredTarget.onPort(definition, 4321).baseUri()).isEqualTo(URI.create("http://127.0.0.1:4321/"));
        assertThat(ConfiguredTarget.onPort(definition, 4321).isLocal()).isTrue();
    }

    @Test
    void everyTargetOfTheRunSharesTheRunIdAndOneCounter() {
        ConfiguredTarget other = target("http://127.0.0.1:8000/", Map.of());

        assertThat(staging.runId()).isEqualTo(other.runId()).matches("[a-z0-9]{8}");
        String first = staging.unique("list");
        String second = other.unique("list");
        assertThat(first).matches("list-" + staging.runId() + "-\\d+");
        assertThat(second).matches("list-" + staging.runId() + "-\\d+");
        // Other classes of this suite may count at the same time: only the order is certain.
        assertThat(counter(second))
                .as("one counter per run, whichever target asks")
                .isGreaterThan(counter(first));
    }

    private static long counter(String uniqueName) {
        return Long.parseLong(uniqueName.substring(uniqueName.lastIndexOf('-') + 1));
    }
}
