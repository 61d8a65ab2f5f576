package io.github.stagingtarget.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.EnabledOnTarget;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Evaluates {@link EnabledOnTarget} and {@link DisabledOnTarget}. Needs only the selected target's name,
 * so it never launches anything.
 *
 * <p>Not API.
 */
@API(status = INTERNAL, since = "0.1")
public final class TargetCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledOnTarget> enabled =
                AnnotationSupport.findAnnotation(context.getElement(), EnabledOnTarget.class);
        Optional<DisabledOnTarget> disabled =
                AnnotationSupport.findAnnotation(context.getElement(), DisabledOnTarget.class);
        if (enabled.isEmpty() && disabled.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @EnabledOnTarget or @DisabledOnTarget");
        }
        String name;
        try {
            name = TargetStore.definition(context).name();
        } catch (TestAbortedException alreadyReported) {
            // A condition that throws fails its container; the first one has done that already.
            return ConditionEvaluationResult.disabled(alreadyReported.getMessage());
        }
        if (enabled.isPresent()) {
            List<String> targets = Arrays.asList(enabled.get().value());
            if (!targets.contains(name)) {
                return ConditionEvaluationResult.disabled(
                        "Target '" + name + "' is not one of " + targets + " (@EnabledOnTarget)",
                        enabled.get().reason());
            }
        }
        if (disabled.isPresent()) {
            List<String> targets = Arrays.asList(disabled.get().value());
            if (targets.contains(name)) {
                return ConditionEvaluationResult.disabled(
                        "Disabled on target '" + name + "' (@DisabledOnTarget)",
                        disabled.get().reason());
            }
        }
        return ConditionEvaluationResult.enabled("Enabled on target '" + name + "'");
    }
}
