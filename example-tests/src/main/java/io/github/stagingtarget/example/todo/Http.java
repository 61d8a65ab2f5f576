package io.github.stagingtarget.example.todo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Response and request helpers shared by the handlers. */
final class Http {

    static final String SESSION_COOKIE = "sessionid";
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    private Http() {}

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        send(response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** 303 See Other: the browser follows a POST's redirect with a GET, so reloading does not post again. */
    static void seeOther(Request request, Response response, Callback callback, String location) {
        Response.sendRedirect(request, response, callback, HttpStatus.SEE_OTHER_303, location, true);
    }

    static Optional<String> sessionKey(Request request) {
        return Request.getCookies(request).stream()
                .filter(cookie -> SESSION_COOKIE.equals(cookie.getName()))
                .map(HttpCookie::getValue)
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    static void setSessionCookie(Response response, String sessionKey) {
        Response.addCookie(response, sessionCookie(sessionKey).build());
    }

    static void clearSessionCookie(Response response) {
        Response.addCookie(response, sessionCookie("").maxAge(0).build());
    }

    /** A positive id from a path segment; empty for anything else, which the caller answers with 404. */
    static OptionalLong id(String segment) {
        try {
            long id = Long.parseLong(segment);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static HttpCookie.Builder sessionCookie(String value) {
        return HttpCookie.build(SESSION_COOKIE, value).path("/").httpOnly(true).sameSite(HttpCookie.SameSite.LAX);
    }
}
