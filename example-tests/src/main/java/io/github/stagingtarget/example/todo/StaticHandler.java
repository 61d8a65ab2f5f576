package io.github.stagingtarget.example.todo;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves {@link StaticFiles} at {@code /static/NAME}; on staging nginx serves the exported copies instead. */
final class StaticHandler extends Handler.Abstract {

    private static final String PREFIX = "/static/";

    private final StaticFiles files;

    StaticHandler(StaticFiles files) {
        this.files = files;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String name = path.substring(PREFIX.length());
        Optional<byte[]> content = files.content(name);
        if (!request.getMethod().equals("GET")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Http.send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Http.TEXT, "Method not allowed");
        } else if (content.isEmpty()) {
            Http.send(response, callback, HttpStatus.NOT_FOUND_404, Http.TEXT, "Not found: " + path);
        } else {
            Http.send(response, callback, HttpStatus.OK_200, StaticFiles.contentType(name), content.get());
        }
        return true;
    }
}
