package io.github.stagingtarget.example.todo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running web server, on TCP or on a unix domain socket. Tests start it in-process with {@link #start}; the
 * CLI's {@code serve} command does the same and then waits in {@link #join()}.
 */
final class TodoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoServer.class);

    private final Server server;
    private final Optional<URI> uri;
    private final Optional<Path> unixSocket;

    private TodoServer(Server server, Optional<URI> uri, Optional<Path> unixSocket) {
        this.server = server;
        this.uri = uri;
        this.unixSocket = unixSocket;
    }

    /**
     * Starts serving and logs {@code Listening on http://HOST:PORT/} (with the actual port when the settings ask
     * for port 0) or {@code Listening on unix:PATH}. The schema must exist already.
     */
    static TodoServer start(AppSettings settings, TodoStore store, StaticFiles staticFiles) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Relative Location headers stay right behind a reverse proxy, whatever Host header it passes on.
        http.setRelativeRedirectAllowed(true);
        HttpConnectionFactory connectionFactory = new HttpConnectionFactory(http);

        Connector connector;
        if (settings.unixSocket().isPresent()) {
            // On a unix socket only a reverse proxy on the same host can reach the app (the staging host's nginx,
            // which serves HTTPS): its X-Forwarded-Proto, -Host and -Port give the request the scheme, host and
            // port the visitor used, so absolute links (the login e-mail's) lead back to https://… On TCP
            // nobody's X-Forwarded-* headers are believed.
            http.addCustomizer(new ForwardedRequestCustomizer());
            Path socket = settings.unixSocket().get().toAbsolutePath();
            deleteStaleSocket(socket);
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server, connectionFactory);
            unix.setUnixDomainPath(socket);
            connector = unix;
        } else {
            ServerConnector tcp = new ServerConnector(server, connectionFactory);
            tcp.setHost(settings.host());
            tcp.setPort(settings.port());
            connector = tcp;
        }
        server.addConnector(connector);

        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setHandler(new Handler.Sequence(
                new StaticHandler(staticFiles),
                new ApiHandler(store),
                new WebHandler(store, settings.version(), new Mailer(settings))));
        LOG.info("Starting version {} on database {}", settings.version(), settings.maskedJdbcUrl());
        try {
            server.start();
            return started(server, connector, settings);
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    private static TodoServer started(Server server, Connector connector, AppSettings settings) throws IOException {
        if (connector instanceof UnixDomainServerConnector unix) {
            Path socket = unix.getUnixDomainPath();
            // The reverse proxy runs as another user in the app user's group: it needs write access to connect.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            LOG.info("Listening on unix:{}", socket);
            return new TodoServer(server, Optional.empty(), Optional.of(socket));
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        URI uri = URI.create("http://" + host + ":" + ((ServerConnector) connector).getLocalPort() + "/");
        LOG.info("Listening on {}", uri);
        return new TodoServer(server, Optional.of(uri), Optional.empty());
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8000/}; empty when serving on a unix socket. */
    Optional<URI> uri() {
        return uri;
    }

    Optional<Path> unixSocket() {
        return unixSocket;
    }

    void join() throws InterruptedException {
        server.join();
    }

    /** Stops serving; Jetty deletes the socket file of a unix domain connector. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Stopping the server failed", e);
        }
        LOG.info("Stopped");
    }

    /** A socket file left by a killed server blocks the bind; anything but a socket is someone's data: refuse. */
    private static void deleteStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(socket)) {
            throw new IOException(
                    "Cannot serve on unix socket " + socket
                            + ": a file or directory of that name exists and is not a socket; remove it or choose another path");
        }
        Files.delete(socket);
    }
}
