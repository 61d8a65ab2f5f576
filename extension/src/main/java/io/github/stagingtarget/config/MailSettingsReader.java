package io.github.stagingtarget.config;

import io.github.stagingtarget.mail.inbox.MailSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a target's {@code mail} block (docs/mail.md) into {@link MailSettings}. */
final class MailSettingsReader {

    private static final Pattern DOMAIN =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final List<String> PLACEHOLDERS =
            List.of(MailSettings.SMTP_HOST_PLACEHOLDER, MailSettings.SMTP_PORT_PLACEHOLDER);

    private MailSettingsReader() {}

    static MailSettings read(ConfigReader target, TargetSettings definition) {
        ConfigReader mail = target.child("mail");
        boolean enabled = mail.bool("enabled");
        String domain = mail.string("domain", "a domain name such as todo.test").trim();
        if (!DOMAIN.matcher(domain).matches()) {
            throw mail.problem("domain", "a domain name such as todo.test (the catch-all domain of test addresses)");
        }
        Optional<String> maildir =
                mail.optionalString("maildir", "a directory path on the server").map(String::trim);
        if (maildir.isPresent() && maildir.get().isEmpty()) {
            throw mail.problem("maildir", "a Maildir directory on the server, such as /home/deploy/Maildir");
        }
        MailSettings settings = new MailSettings(
                enabled,
                domain,
                mail.duration("timeout"),
                mail.duration("poll-interval"),
                maildir,
                mail.bool("raw-evidence"),
                target.key("mail"),
                mail.has("enabled") ? mail.briefOrigin("enabled") : target.key("mail.enabled"));
        if (enabled && maildir.isEmpty() && definition.launch().isEmpty()) {
            throw new TargetConfigException(mail.origin("enabled") + ": " + mail.key("enabled")
                    + " is true, but target '"
                    + definition.name() + "' has no launch block (whose app would get an embedded SMTP server) and no "
                    + mail.key("maildir") + ": expected the Maildir on the server that the target's mail is delivered "
                    + "to, such as /home/deploy/Maildir (see docs/mail.md)");
        }
        if (!settings.embedded()) {
            refuseUnfilledPlaceholders(target, settings);
        }
        return settings;
    }

    /** {@code {smtp-port}} in a launch value with no embedded server would reach the app as it is written. */
    private static void refuseUnfilledPlaceholders(ConfigReader target, MailSettings settings) {
        if (!target.has("launch")) {
            return;
        }
        ConfigReader launch = target.child("launch");
        List<String> keys = new ArrayList<>();
        for (String list : List.of("command", "args", "jvm-args")) {
            if (launch.has(list) && launch.stringList(list).stream().anyMatch(MailSettingsReader::hasPlaceholder)) {
                keys.add(list);
            }
        }
        if (launch.has("env")) {
            for (Map.Entry<String, String> variable : launch.stringMap("env", "an object of environment variables")
                    .entrySet()) {
                if (hasPlaceholder(variable.getValue())) {
                    keys.add("env." + variable.getKey());
                }
            }
        }
        if (!keys.isEmpty()) {
            throw new TargetConfigException(launch.origin(keys.get(0)) + ": " + launch.key(keys.get(0)) + " uses "
                    + String.join(" or ", PLACEHOLDERS) + ", which only " + settings.key()
                    + " fills in, with enabled = true and no maildir (then the extension starts an embedded SMTP server "
                    + "for the launched app). Set " + settings.key() + ".enabled = true, or remove the placeholder.");
        }
    }

    private static boolean hasPlaceholder(String value) {
        return PLACEHOLDERS.stream().anyMatch(value::contains);
    }
}
