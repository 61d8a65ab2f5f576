package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.config.ServerSettings.ConsoleType;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.report.LogSource;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsReaderTests {

    @TempDir
    Path dir;

    private ServerSettings server(String hocon, String target) {
        return ConfigLoader.load(
                        getClass().getClassLoader(),
                        Optional.of(ConfigFiles.write(dir, hocon).toString()),
                        Map.of())
                .server(new TargetSelection(target, "a test"));
    }

    @Test
    void localTargetsGetTheLocalConsoleAndSafeDefaults() {
        ServerSettings local = server("staging-target.targets.local.base-url = \"http://127.0.0.1:8080/\"", "local");

        assertThat(local.consoleType()).isEqualTo(ConsoleType.LOCAL);
        assertThat(local.ssh()).isEmpty();
        assertThat(local.fixtures().allowed()).isFalse();
        assertThat(local.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(local.session().cookieName()).isEqualTo("session");
        assertThat(local.logs().sources()).isEmpty();
        assertThat(local.logs().maxLines()).isEqualTo(500);
        assertThat(local.logs().maxBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void logsListFilesAndCommandsAndPlainPathsStillWork() {
        ServerSettings local = server("""
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:8080/"
                  logs = ["/var/log/app.log", { path = "~/gunicorn.log", name = gunicorn },
                          { command = "journalctl -u app --since=@{since-epoch}" }]
                  evidence.server-log-bytes = 1MiB
                }
                """, "local");

        assertThat(local.logs().sources())
                .containsExactly(
                        LogSource.ofFile("/var/log/app.log"),
                        new LogSource("gunicorn", Optional.of("~/gunicorn.log"), Optional.empty()),
                        LogSource.ofCommand("command-3", "journalctl -u app --since=@{since-epoch}"));
        assertThat(local.logs().maxBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void aLogEntryWithBothPathAndCommandIsRefusedWithItsOrigin() {
        assertThatThrownBy(() -> server("""
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:8080/"
                          logs = [{ path = "/a.log", command = "cat /a.log" }]
                        }
                        """, "local"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining(".conf: 3: ")
                .hasMessageContaining("staging-target.targets.local.logs[0] has both path and command: expected");
    }

    @Test
    void aQuotedSincePlaceholderIsRefused() {
        assertThatThrownBy(() -> server("""
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:8080/"
                          logs = [{ command = "docker logs --since '{since}' app" }]
                        }
                        """, "local"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.local.logs[0].command: expected a command with {since}"
                        + " outside quotes");
    }

    @Test
    void twoLogsUnderOneNameAreRefused() {
        assertThatThrownBy(() -> server("""
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:8080/"
                          logs = [{ command = "a", name = x }, { command = "b", name = x }]
                        }
                        """, "local"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.local.logs[1] is published as server-log-x.txt");
    }

    @Test
    void anSshBlockSelectsTheSshConsoleWithStrictHostKeys() {
        ServerSettings staging = server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ssh { host = "staging.example.com", user = deploy, identity = "~/.ssh/id_ed25519" }
                  fixtures { allowed = true, reset = "app db reset", seed = "app db seed {file}" }
                }
                """, "staging");

        assertThat(staging.consoleType()).isEqualTo(ConsoleType.SSH);
        assertThat(staging.ssh().orElseThrow()).satisfies(ssh -> {
            assertThat(ssh.address()).isEqualTo("deploy@staging.example.com:22");
            assertThat(ssh.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
            assertThat(ssh.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/known_hosts"));
            assertThat(ssh.identity()).contains(Path.of(System.getProperty("user.home"), ".ssh/id_ed25519"));
        });
        assertThat(staging.fixtures().seed()).contains("app db seed {file}");
    }

    @Test
    void aConsoleCommandSelectsTheExecConsoleWithItsOriginAndEnvironment() {
        ServerSettings staging = server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console {
                    command = ["kubectl", "exec", "-i", "-n", "staging", "deploy/web", "--", "sh", "-s"]
                    env.KUBECONFIG = "/etc/ci/kubeconfig"
                  }
                }
                """, "staging");

        assertThat(staging.consoleType()).isEqualTo(ConsoleType.EXEC);
        assertThat(staging.ssh()).isEmpty();
        assertThat(staging.exec().orElseThrow()).satisfies(exec -> {
            assertThat(exec.command())
                    .containsExactly("kubectl", "exec", "-i", "-n", "staging", "deploy/web", "--", "sh", "-s");
            assertThat(exec.key()).isEqualTo("staging-target.targets.staging.console.command");
            assertThat(exec.origin()).startsWith("staging-target-").endsWith(".conf:4");
            assertThat(exec.environment()).containsExactly(Map.entry("KUBECONFIG", "/etc/ci/kubeconfig"));
        });
    }

    @Test
    void anExecConsoleNeedsItsCommandAsAList() {
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console.type = exec
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageEndingWith("staging-target.targets.staging.console.type is exec, but "
                        + "staging-target.targets.staging.console.command is not set: expected the command that opens "
                        + "a shell in the target, e.g. [\"kubectl\", \"exec\", \"-i\", \"deploy/web\", \"--\", "
                        + "\"sh\", \"-s\"]");
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console.command = "kubectl exec -i deploy/web -- sh -s"
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.console.command: expected a list of the command "
                        + "and its arguments, e.g. [\"kubectl\", \"exec\", \"-i\", \"-n\", \"staging\", "
                        + "\"deploy/web\", \"--\", \"sh\", \"-s\"]");
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console.command = []
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.console.command: expected a list of the command");
    }

    @Test
    void aConsoleCommandAndAnSshHostNeedATypeToChoose() {
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ssh { host = "h", identity = "k" }
                  console.command = ["docker", "exec", "-i", "web", "sh", "-s"]
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("both staging-target.targets.staging.console.command and "
                        + "staging-target.targets.staging.ssh.host (")
                .hasMessageEndingWith(
                        ") are set: expected staging-target.targets.staging.console.type = exec or ssh to "
                                + "say which one reaches the server");
        ServerSettings chosen = server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ssh { host = "h", identity = "k" }
                  console { type = exec, command = ["docker", "exec", "-i", "web", "sh", "-s"] }
                }
                """, "staging");
        assertThat(chosen.consoleType()).isEqualTo(ConsoleType.EXEC);
        assertThat(chosen.ssh()).isEmpty();
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console { type = local, command = ["docker", "exec", "-i", "web", "sh", "-s"] }
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.console.command is set, but "
                        + "staging-target.targets.staging.console.type is local (")
                .hasMessageEndingWith("): expected console.type = exec, or no console.command");
    }

    @Test
    void thereIsNoPolicyThatAcceptsAnyKey() {
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ssh { host = "h", identity = "k", host-key-policy = accept-all }
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining(
                        "staging-target.targets.staging.ssh.host-key-policy: expected strict or accept-new "
                                + "(there is no way to accept any key), but was '\"accept-all\"'");
    }

    @Test
    void passwordsInTheFileAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> server("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ssh { host = "h", password = "hunter2-secret" }
                }
                """, "staging"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.ssh.password is not read")
                .hasMessageContaining("name that variable in staging-target.targets.staging.ssh.password-env")
                .hasMessageNotContaining("hunter2-secret");
    }

    @Test
    void typeErrorsOnSecretKeysDoNotShowTheValue() {
        ConfigReader reader = new ConfigReader(
                com.typesafe.config.ConfigFactory.parseString("api-token = { value = \"tok-123456\" }"),
                "staging-target",
                new ConfigReader.Context(
                        java.nio.file.Path.of(""),
                        Substitutions.none(),
                        new io.github.stagingtarget.secrets.SecretMask()));
        assertThatThrownBy(() -> reader.string("api-token", "a string"))
                .hasMessageContaining("staging-target.api-token: expected a string, but was a value that is not shown")
                .hasMessageNotContaining("tok-123456");
    }

    @Test
    void seedCommandMustTakeTheFile() {
        assertThatThrownBy(() -> server("""
                staging-target.targets.local { base-url = "http://127.0.0.1:1/", fixtures.seed = "app db seed" }
                """, "local"))
                .hasMessageContaining("staging-target.targets.local.fixtures.seed: expected a command with {file}");
    }

    @Test
    void timeoutsUnderOneSecondAreRefusedNamingTheirKey() {
        // "timeout 0" is no timeout at all to coreutils; 500ms used to become exactly that.
        assertThatThrownBy(() -> server("""
                staging-target.targets.local { base-url = "http://127.0.0.1:1/", console.command-timeout = 500ms }
                """, "local"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.local.console.command-timeout: expected a duration of at "
                        + "least 1s, such as 30s or 5m");
        assertThatThrownBy(() -> server("""
                staging-target.targets.local { base-url = "http://127.0.0.1:1/", fixtures.timeout = 900ms }
                """, "local"))
                .hasMessageContaining(
                        "staging-target.targets.local.fixtures.timeout: expected a duration of at least 1s");
        assertThat(server("""
                        staging-target.targets.local { base-url = "http://127.0.0.1:1/", fixtures.timeout = 1s }
                        """, "local").fixtures().timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void placeholdersInsideQuotesAreRefused() {
        // {email} becomes one single-quoted word; inside the template's own quotes its quotes would be literal.
        assertThatThrownBy(() -> server("""
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:1/"
                  session.command = "app create-session \\"{email}\\""
                }
                """, "local"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.local.session.command: expected a command with {email} "
                        + "outside quotes, e.g. \"app create-session {email}\": the value is put in as one "
                        + "single-quoted word, and inside double quotes those quotes would become part of it");
        assertThatThrownBy(() -> server("""
                staging-target.targets.local { base-url = "http://127.0.0.1:1/", fixtures.seed = "load '{file}'" }
                """, "local"))
                .hasMessageContaining("staging-target.targets.local.fixtures.seed: expected a command with {file} "
                        + "outside quotes")
                .hasMessageContaining("inside single quotes");
        assertThat(server("""
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:1/"
                          session.command = "app create-session --name \\"Ada L\\" {email} 'x' \\\\\\"{email}"
                        }
                        """, "local").session().command()).isPresent();
    }
}
