/** The Jakarta Faces admin console under {@code /console}: login, layout and the pages' view beans. */
package io.mabeam.console;
