package io.github.stagingtarget.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTests {

    @TempDir
    Path dir;

    private HttpServer staging;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void startStaging() throws IOException {
        staging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        staging.createContext("/", exchange -> {
            byte[] body = "abc1234\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        staging.start();
    }

    @AfterEach
    void stopStaging() {
        staging.stop(0);
    }

    private int doctor(String extra, String... args) {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%d/"
                  db.password = "s3cr3t-value"
                  version.path = "/version"
                  %s
                }
                """.formatted(staging.getAddress().getPort(), extra));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new Doctor(new PrintStream(output, true, StandardCharsets.UTF_8)).run(all);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsSettingsWithOriginsMasksSecretsAndPasses() {
        int status = doctor("", "--target", "staging");

        assertThat(status).isZero();
        assertThat(output())
                .contains("StagingTarget doctor: target 'staging' (chosen by --target)")
                .containsPattern(
                        "staging-target\\.targets\\.staging\\.base-url = \"http://127\\.0\\.0\\.1:\\d+/\"    # .*\\.conf: 2")
                .contains("staging-target.targets.staging.db.password = ******")
                .doesNotContain("s3cr3t-value")
                .containsPattern("\\[ OK \\] ready +http://127\\.0\\.0\\.1:\\d+/ answered in \\d+ ms")
                .contains("deployed 'abc1234' (not compared: version.expected is unset)")
                .containsPattern("\\[ OK \\] ssh +not used \\(local console\\)")
                .containsPattern("\\[ OK \\] browser +started and quit chrome \\d+")
                .contains("All checks passed.");
    }

    @Test
    void wrongVersionFailsWithAHint() {
        int status = doctor("version.expected = \"def5678\"", "--target", "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("[FAIL] version")
                .contains("runs version 'abc1234'")
                .contains("but the tests expect 'def5678'")
                .contains("hint: deploy the expected build")
                .contains("1 check failed.");
    }

    @Test
    void serverThatIsDownFailsReadiness() {
        staging.stop(0);

        assertThat(doctor("", "--target", "staging")).isEqualTo(1);
        assertThat(output()).containsPattern("\\[FAIL\\] ready +http://127\\.0\\.0\\.1:\\d+/: ConnectException");
    }

    @Test
    void badConfigurationIsOneFailure() {
        assertThat(doctor("", "--target", "nosuch")).isEqualTo(1);
        assertThat(output())
                .contains(
                        "[FAIL] configuration  Unknown target 'nosuch' (chosen by --target). Configured targets: local, staging");
    }

    @Test
    void sshProblemFailsWithTheAddressAndAHint() throws IOException {
        int closedPort = Ports.closed();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path key = Files.writeString(dir.resolve("id_ed25519"), "not a key");

        int status = doctor(
                "ssh { host = \"127.0.0.1\", port = " + closedPort + ", user = \"deploy\", identity = \"" + key
                        + "\", known-hosts = \"" + knownHosts + "\" }",
                "--target",
                "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("[FAIL] ssh            Cannot connect to target 'staging' at deploy@127.0.0.1:" + closedPort
                        + " over SSH: cannot load the private key file " + key)
                .contains("hint: see \"SSH setup\" in docs/console.md");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(new Doctor(new PrintStream(output, true, StandardCharsets.UTF_8)).run("--bogus"))
                .isEqualTo(2);
    }
}
