package io.github.stagingtarget.internal;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import org.junit.jupiter.api.Test;

/** Fixtures that only take the target, for tests of what the extension does before the first test. */
final class TargetOnlyTestCases {

    private TargetOnlyTestCases() {}

    @StagingTarget
    static class FirstTestCase {
        @Test
        void test(Target target) {}
    }

    @StagingTarget
    static class SecondTestCase {
        @Test
        void test(Target target) {}
    }
}
