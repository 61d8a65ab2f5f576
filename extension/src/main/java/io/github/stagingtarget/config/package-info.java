/**
 * Loading, layering and validating the HOCON configuration; choosing the target.
 *
 * <p>Naming: a validated block of configuration is a record named {@code *Settings} ({@code TargetSettings},
 * {@code ServerSettings}, {@code BrowserSettings}, {@code LaunchSettings}, {@code ReadySettings},
 * {@code VersionSettings}; outside this package {@code SshSettings}, {@code FixtureSettings},
 * {@code SessionSettings}); the class that reads and checks one is its {@code *SettingsReader}.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.config;
