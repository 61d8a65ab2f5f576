package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mail} block: defaults, and one clear error per mistake, naming the key and its line. */
class MailSettingsReaderTests {

    @TempDir
    Path dir;

    private Path file;

    private MailSettings mail(String target, String hocon) {
        file = ConfigFiles.write(dir, hocon);
        StagingTargetConfig config =
                ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), Map.of());
        return config.mail(new TargetSelection(target, "a test"));
    }

    @Test
    void defaultsLeaveMailOffAndAMaildirTargetReadsTheMaildir() {
        MailSettings off = mail("staging", "staging-target.targets.staging.base-url = \"https://s.test/\"");
        assertThat(off.enabled()).isFalse();
        assertThat(off.domain()).isEqualTo("example.test");
        assertThat(off.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(off.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(off.rawEvidence()).isFalse();

        MailSettings on = mail("staging", """
                staging-target.targets.staging {
                  base-url = "https://s.test/"
                  mail { enabled = true, domain = "s.test", maildir = "/srv/app/Maildir" }
                }
                """);
        assertThat(on.maildir()).contains("/srv/app/Maildir");
        assertThat(on.embedded()).isFalse();
        assertThat(on.key()).isEqualTo("staging-target.targets.staging.mail");
    }

    @Test
    void aRemoteTargetWithMailNeedsItsMaildir() {
        assertThatThrownBy(() -> mail("staging", """
                        staging-target.targets.staging {
                          base-url = "https://s.test/"
                          mail.enabled = true
                        }
                        """))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage(file + ": 3: staging-target.targets.staging.mail.enabled is true, but target 'staging' "
                        + "has no launch block (whose app would get an embedded SMTP server) and no "
                        + "staging-target.targets.staging.mail.maildir: expected the Maildir on the server that the "
                        + "target's mail is delivered to, such as /home/deploy/Maildir (see docs/mail.md)");
    }

    @Test
    void smtpPlaceholdersWithoutTheEmbeddedServerAreRefused() {
        assertThatThrownBy(() -> mail("local", """
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:{port}/"
                          launch {
                            main-class = "com.example.App"
                            env.SMTP_PORT = "{smtp-port}"
                          }
                        }
                        """))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith(file + ": 5: staging-target.targets.local.launch.env.SMTP_PORT uses "
                        + "{smtp-host} or {smtp-port}, which only staging-target.targets.local.mail fills in");
    }

    @Test
    void aDomainMustBeADomainName() {
        assertThatThrownBy(() -> mail("staging", """
                        staging-target.targets.staging {
                          base-url = "https://s.test/"
                          mail.domain = "@s.test"
                        }
                        """))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage(file + ": 3: staging-target.targets.staging.mail.domain: expected a domain name such as "
                        + "todo.test (the catch-all domain of test addresses), but was '\"@s.test\"'");
    }
}
