package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.ServerDefinition;
import io.github.stagingtarget.config.StagingTargetConfig;
import io.github.stagingtarget.config.TargetDefinition;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSelector;
import io.github.stagingtarget.http.RemoteTargetCheck;
import io.github.stagingtarget.http.VersionCheck;
import io.github.stagingtarget.launch.ApplicationLauncher;
import io.github.stagingtarget.launch.LaunchException;
import io.github.stagingtarget.launch.RunningApplication;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The run-wide state in the root store: first the validated target definition (no side effects, enough
 * for conditions), then the live target with its launched application, closed by JUnit at the end of the
 * run.
 */
final class TargetStore {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class);
    private static final String RESOLVED = "resolved";
    private static final String LIVE_TARGET = "live-target";

    private TargetStore() {}

    static TargetDefinition definition(ExtensionContext context) {
        return resolved(context).target();
    }

    /** The target's validated server keys (console, ssh, fixtures, session, logs); no side effects. */
    static ServerDefinition server(ExtensionContext context) {
        return resolved(context).server();
    }

    static ConfiguredTarget target(ExtensionContext context) {
        TargetDefinition definition = definition(context);
        return computeOnce(context, LIVE_TARGET, () -> start(definition))
                .get(context)
                .target();
    }

    /** The whole target, validated from one parse of the configuration before anything is started. */
    private record Resolved(TargetDefinition target, ServerDefinition server) {}

    private static Resolved resolved(ExtensionContext context) {
        return computeOnce(context, RESOLVED, () -> resolve(context)).get(context);
    }

    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> computeOnce(ExtensionContext context, String key, Supplier<T> computation) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> Outcome.of(computation), Outcome.class);
    }

    /** The target with its final base URI, and the application launched for it, if any. */
    private record LiveTarget(ConfiguredTarget target, Optional<RunningApplication> application)
            implements AutoCloseable {

        @Override
        public void close() {
            application.ifPresent(RunningApplication::close);
        }
    }

    private static Resolved resolve(ExtensionContext context) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(TargetStore.class.getClassLoader());
        StagingTargetConfig config = ConfigLoader.load(
                loader, context.getConfigurationParameter(ConfigLoader.CONFIG_FILE_PARAMETER), System.getProperties());
        TargetSelection selection = TargetSelector.select(
                context::getConfigurationParameter,
                name -> Optional.ofNullable(System.getenv(name)),
                context::getConfigurationParameter,
                config.defaultTarget());
        return new Resolved(config.target(selection), config.server(selection));
    }

    private static LiveTarget start(TargetDefinition definition) {
        try {
            if (definition.launch().isEmpty()) {
                ConfiguredTarget target = ConfiguredTarget.of(definition);
                RemoteTargetCheck.run(target);
                return new LiveTarget(target, Optional.empty());
            }
            RunningApplication application = ApplicationLauncher.forThisJvm().launch(definition);
            try {
                VersionCheck.verify(application.target(), definition.version());
            } catch (RuntimeException wrongBuild) {
                application.close();
                throw wrongBuild;
            }
            return new LiveTarget(application.target(), Optional.of(application));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while preparing target '" + definition.name() + "'", e);
        }
    }
}
