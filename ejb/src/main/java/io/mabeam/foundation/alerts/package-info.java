/**
 * Alerts to the outside: when something needs a person (a supervised task given up), a JSON message goes
 * to the webhook named by {@code mabeam.alerts.webhook-url} (Slack-compatible {@code text} among its
 * fields), through the resilient outbound client.
 */
package io.mabeam.foundation.alerts;
