package io.mabeam.foundation.alerts.entity;

import jakarta.json.JsonObject;

/**
 * A CDI event any component fires when somebody should look (an agent over a threshold, for one): the alerts
 * component sends it to the webhook and records the outcome.
 *
 * @param kind a short lower-case name, such as {@code agent-mailbox}
 * @param text one sentence for a person
 * @param details what a program acting on the alert needs
 */
public record AlertRaised(String kind, String text, JsonObject details) {}
