package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.report.http.HttpRecording;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.function.Supplier;

/** Builds REST Assured specifications; kept apart so that REST Assured stays optional. */
final class RestAssuredSpecs {

    private RestAssuredSpecs() {}

    /**
     * A new specification per call: a test that adds headers or cookies cannot leak them into another. The
     * base URL's path becomes REST Assured's base path, so {@code get("/api/lists/")} on a target at
     * {@code https://staging.example.com/shop/} requests {@code /shop/api/lists/}.
     */
    static RequestSpecification forTarget(ConfiguredTarget target) {
        URI base = target.baseUri();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        RequestSpecBuilder builder = new RequestSpecBuilder()
                .setBaseUri(base.getScheme() + "://" + base.getRawAuthority())
                .setBasePath(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                .setUrlEncodingEnabled(true);
        // TLS trust, client certificate, proxy, gate credentials and headers: the target's one HTTP setup.
        RestAssuredHttp.apply(builder, HttpClientSetup.forTarget(target));
        return RestAssured.given(builder.build());
    }

    /** Like {@link #forTarget(ConfiguredTarget)}, recording every exchange into the test {@code recording} names. */
    static RequestSpecification forTarget(ConfiguredTarget target, Supplier<HttpRecording> recording) {
        return forTarget(target).filter(new RecordingFilter(recording));
    }
}
