package io.github.stagingtarget.doctor;

import io.github.stagingtarget.config.ConfiguredTarget;

/** One preflight check of a resolved target. Implementations never throw: a problem is a FAIL result. */
public interface DoctorCheck {

    CheckResult run(ConfiguredTarget target);
}
