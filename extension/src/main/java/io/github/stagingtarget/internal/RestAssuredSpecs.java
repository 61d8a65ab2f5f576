package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;

/** Builds REST Assured specifications; kept apart so that REST Assured stays optional. */
final class RestAssuredSpecs {

    private RestAssuredSpecs() {}

    /** A new specification per call: a test that adds headers or cookies cannot leak them into another. */
    static RequestSpecification forTarget(ConfiguredTarget target) {
        return io.restassured.RestAssured.given(new RequestSpecBuilder()
                .setBaseUri(target.baseUri())
                .build());
    }
}
