package io.github.stagingtarget.testsupport;

import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An application under test that sends mail: launched by the extension with {@code PORT SMTP_HOST SMTP_PORT}
 * (from {@code {port}}, {@code {smtp-host}}, {@code {smtp-port}}), it answers {@code /send?to=…&subject=…&body=…}
 * by sending that message over SMTP, and every other path with 200.
 */
public final class MailingApp {

    private MailingApp() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", args[1]);
        properties.put("mail.smtp.port", args[2]);
        // The EHLO name: without it Jakarta Mail looks up this host's name, which can take seconds offline.
        properties.put("mail.smtp.localhost", "localhost");
        Session session = Session.getInstance(properties);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            int status = 200;
            String answer = "ok";
            if (exchange.getRequestURI().getPath().equals("/send")) {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                try {
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(new InternetAddress("app@mailing.test"));
                    message.setRecipients(Message.RecipientType.TO, query.get("to"));
                    message.setSubject(query.getOrDefault("subject", ""), "UTF-8");
                    message.setText(query.getOrDefault("body", ""), "UTF-8");
                    Transport.send(message);
                    answer = "sent";
                } catch (MessagingException e) {
                    status = 500;
                    answer = e.toString();
                }
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("MailingApp on http://127.0.0.1:" + port + "/ sends to " + args[1] + ":" + args[2]);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                values.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
