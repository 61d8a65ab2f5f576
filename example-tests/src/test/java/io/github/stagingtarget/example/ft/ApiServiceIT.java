package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.github.stagingtarget.Service;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The target's second service, {@code api}: on staging the JSON API on a server name and port of its own
 * ({@code https://api.staging.todo.test:8444/}, through the same HTTPS and gate as the site), locally the
 * launched app itself. {@code @Service("api")} picks it for the injected spec and {@link Target}; without it a
 * parameter gets the site, the default service. Both reach the same app, so a list made through the API is on
 * the site.
 */
@StagingTarget
@NotOnProduction
class ApiServiceIT {

    @Test
    void aListMadeThroughTheApiServiceIsShownOnTheSite(
            @Service("api") RequestSpecification api,
            @Service("api") Target apiService,
            RequestSpecification site,
            Target target) {
        String item = target.unique("Order the peacock feathers");

        int id = given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item)))
                .post(apiService.path("lists"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given(api).get(apiService.path("list"), id).then().statusCode(200).body("items.text", equalTo(List.of(item)));

        given(site).get(target.path("list"), id).then().statusCode(200).body(containsString(item));
    }

    @Test
    void theApiServiceIsItsOwnOrigin(@Service("api") Target apiService, Target target) {
        assertThat(target.serviceNames()).contains("api");
        assertThat(apiService.baseUri().getPath()).isEqualTo("/");
        if (!target.isLocal()) {
            // On a deployed target the API has a host name and port of its own: not the site's origin.
            assertThat(apiService.baseUri().getAuthority())
                    .isNotEqualTo(target.baseUri().getAuthority());
        }
    }
}
