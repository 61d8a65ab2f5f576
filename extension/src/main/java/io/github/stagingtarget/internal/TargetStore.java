package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ClassLoaders;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.EvidenceSettings;
import io.github.stagingtarget.config.PersonalConfig;
import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.config.StagingTargetConfig;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSelector;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.http.RemoteTargetCheck;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.http.VersionCheck;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.launch.ApplicationLauncher;
import io.github.stagingtarget.launch.LaunchException;
import io.github.stagingtarget.launch.RunningApplication;
import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.mail.inbox.MailSource;
import io.github.stagingtarget.report.RunHeader;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * Prints the run header and publishes it as a report entry, once per run (on the first class), after the
     * target was checked or failed to be: with the deployed version when a version check ran, and the
     * browser when Selenium is there. A configuration that cannot be read has no header; its own error says
     * enough.
     */
    static void publishHeader(ExtensionContext context) {
        Outcome<Resolved> resolved = computeOnce(context, RESOLVED, () -> resolve(context));
        if (!resolved.succeeded()) {
            return;
        }
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(HEADER_PUBLISHED, key -> {
            RunHeader header = resolved.get(context).header();
            Outcome<LiveTarget> live = context.getRoot().getStore(NAMESPACE).get(LIVE_TARGET, Outcome.class);
            Optional<String> version = Optional.empty();
            Map<String, String> services = new TreeMap<>();
            resolved.get(context)
                    .target()
                    .services()
                    .values()
                    .forEach(service -> services.put(service.name(), service.baseUrl()));
            if (live != null && live.succeeded()) {
                version = live.get(context).version();
                // A launched application's port is known now.
                header = header.at(live.get(context).target().baseUri().toString());
                live.get(context)
                        .target()
                        .namedServices()
                        .forEach(service -> services.put(
                                service.serviceName().orElseThrow(),
                                service.baseUri().toString()));
            }
            header = RunFacts.complete(header, resolved.get(context).target(), version);
            // Once per run, before any test: which target, which build, and whether its data may be wiped.
            System.out.println(header.line());
            context.publishReportEntry(HEADER_ENTRY, header.text());
            RunFacts.writeAllureEnvironment(resolved.get(context).target(), version, services, header, context);
            return Boolean.TRUE;
        });
    }

    /** The target's validated server keys (console, ssh, fixtures, session, logs); no side effects. */
    static ServerSettings server(ExtensionContext context) {
        return resolved(context).server();
    }

    /** The target's validated evidence keys: what a failed test leaves behind. */
    static EvidenceSettings evidence(ExtensionContext context) {
        return resolved(context).evidence();
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
            TargetSettings target,
            ServerSettings server,
            EvidenceSettings evidence,
            MailSettings mail,
            SecretMask mask,
            RunHeader header) {}

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
     * The target with its final base URI, the application launched for it, if any, its deployed version when it
     * is checked, and the embedded SMTP server started before it (typed as a plain source, so that GreenMail is
     * only loaded when mail is enabled).
     */
    private record LiveTarget(
            ConfiguredTarget target,
            Optional<RunningApplication> application,
            Optional<String> version,
            Optional<MailSource> mail)
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
        Path projectDirectory = ConfigLoader.projectDirectory();
        StagingTargetConfig config = ConfigLoader.load(
                loader,
                context.getConfigurationParameter(ConfigLoader.CONFIG_FILE_PARAMETER),
                System.getProperties(),
                System::getenv,
                projectDirectory,
                PersonalConfig.locate(
                        context.getConfigurationParameter(PersonalConfig.PARAMETER),
                        System.getProperties(),
                        System::getenv,
                        projectDirectory));
        TargetSelection selection = TargetSelector.select(
                new TargetSelector.Sources(
                        context::getConfigurationParameter,
                        name -> Optional.ofNullable(System.getProperty(name)),
                        name -> Optional.ofNullable(System.getenv(name))),
                config.defaultSelection());
        TargetSettings target = config.target(selection);
        HttpClientSetup.validate(target.http());
        ServerSettings server = config.server(selection);
        EvidenceSettings evidence = config.evidence(selection);
        MailSettings mail = config.mail(selection);
        RunHeader header = RunHeader.of(selection, target, server.fixtures());
        return new Resolved(target, server, evidence, mail, config.mask(), header);
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
                Optional<String> version = RemoteTargetCheck.run(target);
                return new LiveTarget(target, Optional.empty(), version, Optional.empty());
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
            Optional<String> version;
            try {
                version = VersionCheck.verify(application.target(), definition.version());
                RemoteTargetCheck.services(application.target());
            } catch (InterruptedException | RuntimeException wrongBuild) {
                application.close();
                smtp.ifPresent(EmbeddedMail::stop);
                throw wrongBuild;
            }
            return new LiveTarget(application.target(), Optional.of(application), version, smtp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while preparing target '" + definition.name() + "'", e);
        }
    }
}
