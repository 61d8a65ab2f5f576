package io.github.stagingtarget.mail;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Parses RFC 822 bytes with Jakarta Mail; the only class of the API package that links it. */
final class MimeParser {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeParser() {}

    static MailMessage parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            bodies.collect(message);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header header = all.nextElement();
                headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                        .add(decode(header.getValue()));
            }
            List<String> delivered = new ArrayList<>();
            for (String name : List.of("x-original-to", "delivered-to")) {
                for (String value : headers.getOrDefault(name, List.of())) {
                    delivered.addAll(addresses(value));
                }
            }
            List<String> from = addresses(message.getHeader("From", ","));
            Date sent = message.getSentDate();
            return new MailMessage(
                    raw,
                    Optional.ofNullable(message.getSubject()).orElse(""),
                    from.isEmpty() ? "" : from.get(0),
                    addresses(message.getHeader("To", ",")),
                    addresses(message.getHeader("Cc", ",")),
                    delivered,
                    Optional.ofNullable(sent).map(Date::toInstant),
                    bodies.text == null ? "" : bodies.text,
                    bodies.html == null ? "" : bodies.html,
                    headers);
        } catch (MessagingException | IOException e) {
            throw new MailboxException("Cannot parse a message of " + raw.length + " bytes: " + e.getMessage(), e);
        }
    }

    /** Bare addresses of a header; a malformed one is kept as written rather than failing the whole message. */
    private static List<String> addresses(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        try {
            for (Address address : InternetAddress.parseHeader(header, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    addresses.add(internet.getAddress());
                }
            }
        } catch (AddressException e) {
            addresses.add(decode(header).trim());
        }
        return addresses;
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException e) {
            return value;
        }
    }

    /** The first plain-text and the first HTML part that are not attachments. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        collect(multipart.getBodyPart(i));
                    }
                }
            } else if (part.isMimeType("text/plain") && text == null) {
                text = string(part);
            } else if (part.isMimeType("text/html") && html == null) {
                html = string(part);
            }
        }

        private static String string(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String string) {
                return string;
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
