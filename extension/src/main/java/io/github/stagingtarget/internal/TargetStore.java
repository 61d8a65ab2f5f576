package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ClassLoaders;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.config.StagingTargetConfig;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSelector;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.http.RemoteTargetCheck;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.http.VersionCheck;
import io.github.stagingtarget.launch.ApplicationLauncher;
import io.github.stagingtarget.launch.LaunchException;
import io.github.stagingtarget.launch.RunningApplication;
import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.mail.inbox.MailSource;
import io.github.stagingtarget.report.RunHeader;
import io.github.stagingtarget.secrets.SecretMask;
import java.util.Map;
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
    private static final String HEADER_PUBLISHED = "header-published";
    private static final String HEADER_ENTRY = "staging-target";

    private TargetStore() {}

    static TargetSettings definition(ExtensionContext context) {
        return resolved(context).target();
    }

    /** The run's secrets: seeded from the configuration, and shared by every console, session and report. */
    static SecretMask mask(ExtensionContext context) {
        return resolved(context).mask();
    }

    /** Publishes the run header as a report entry, once per run (on the first class that asks). */
    static void publishHeader(ExtensionContext context) {
        RunHeader header = resolved(context).header();
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(HEADER_PUBLISHED, key -> {
            context.publishReportEntry(HEADER_ENTRY, header.text());
            return Boolean.TRUE;
        });
    }

    /** The target's validated server keys (console, ssh, fixtures, session, logs); no side effects. */
    static ServerSettings server(ExtensionContext context) {
        return resolved(context).server();
    }

    /** The target's validated {@code mail} block; no side effects. */
    static MailSettings mail(ExtensionContext context) {
        return resolved(context).mail();
    }

    static ConfiguredTarget target(ExtensionContext context) {
        return live(context).target();
    }

    /** The embedded SMTP server started with the target's application, if its mail is enabled and embedded. */
    static Optional<MailSource> embeddedMail(ExtensionContext context) {
        return live(context).mail();
    }

    private static LiveTarget live(ExtensionContext context) {
        Resolved resolved = resolved(context);
        return computeOnce(context, LIVE_TARGET, () -> start(resolved.target(), resolved.mail(), resolved.mask()))
                .get(context);
    }

    /** The whole target, validated from one parse of the configuration before anything is started. */
    private record Resolved(
            TargetSettings target, ServerSettings server, MailSettings mail, SecretMask mask, RunHeader header) {}

    private static Resolved resolved(ExtensionContext context) {
        return computeOnce(context, RESOLVED, () -> resolve(context)).get(context);
    }

    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> computeOnce(ExtensionContext context, String key, Supplier<T> computation) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> Outcome.of(computation), Outcome.class);
    }

    /**
     * The target with its final base URI, the application launched for it, if any, and the embedded SMTP server
     * started before it (typed as a plain source, so that GreenMail is only loaded when mail is enabled).
     */
    private record LiveTarget(
            ConfiguredTarget target, Optional<RunningApplication> application, Optional<MailSource> mail)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                application.ifPresent(RunningApplication::close);
            } finally {
                // After the application: it may still send mail while it stops.
                mail.ifPresent(EmbeddedMail::stop);
            }
        }
    }

    private static Resolved resolve(ExtensionContext context) {
        ClassLoader loader = ClassLoaders.contextOr(TargetStore.class);
        StagingTargetConfig config = ConfigLoader.load(
                loader, context.getConfigurationParameter(ConfigLoader.CONFIG_FILE_PARAMETER), System.getProperties());
        TargetSelection selection = TargetSelector.select(
                new TargetSelector.Sources(
                        context::getConfigurationParameter,
                        name -> Optional.ofNullable(System.getProperty(name)),
                        name -> Optional.ofNullable(System.getenv(name))),
                config.defaultSelection());
        TargetSettings target = config.target(selection);
        ServerSettings server = config.server(selection);
        MailSettings mail = config.mail(selection);
        RunHeader header = RunHeader.of(selection, target, server.fixtures());
        // Once per run, before anything is started or reset: which target, and whether its data may be wiped.
        System.out.println(header.line());
        return new Resolved(target, server, mail, config.mask(), header);
    }

    private static LiveTarget start(TargetSettings definition, MailSettings mail, SecretMask mask) {
        try {
            return startUnmasked(definition, mail);
        } catch (LaunchException e) {
            // A launch failure quotes the command and the application's log: both may hold the run's secrets.
            throw new LaunchException(mask.apply(e.getMessage()), e.getCause());
        } catch (TargetCheckException e) {
            throw new TargetCheckException(mask.apply(e.getMessage()), e.getCause());
        }
    }

    private static LiveTarget startUnmasked(TargetSettings definition, MailSettings mail) {
        try {
            if (definition.launch().isEmpty()) {
                ConfiguredTarget target = ConfiguredTarget.of(definition);
                RemoteTargetCheck.run(target);
                return new LiveTarget(target, Optional.empty(), Optional.empty());
            }
            // Before the application, which gets its address through {smtp-host} and {smtp-port}.
            Optional<MailSource> smtp =
                    mail.embedded() ? Optional.of(EmbeddedMail.start(definition.name())) : Optional.empty();
            Map<String, String> placeholders =
                    smtp.map(EmbeddedMail::placeholders).orElse(Map.of());
            RunningApplication application;
            try {
                application = ApplicationLauncher.forThisJvm().launch(definition, placeholders);
            } catch (InterruptedException | RuntimeException e) {
                smtp.ifPresent(EmbeddedMail::stop);
                throw e;
            }
            try {
                VersionCheck.verify(application.target(), definition.version());
            } catch (RuntimeException wrongBuild) {
                application.close();
                smtp.ifPresent(EmbeddedMail::stop);
                throw wrongBuild;
            }
            return new LiveTarget(application.target(), Optional.of(application), smtp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while preparing target '" + definition.name() + "'", e);
        }
    }
}
