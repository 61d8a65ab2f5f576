package io.github.stagingtarget.apicheck.sample.impl;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Types of a non-API package, for {@code ApiCheckerTests}. */
@API(status = INTERNAL, since = "0.1")
public final class InternalSamples {

    private InternalSamples() {}

    @API(status = INTERNAL, since = "0.1")
    public static class Hidden {}

    public static final class UnmarkedInternal {}

    @API(status = STABLE, since = "0.1")
    public static final class StableOutsideApi {}
}
