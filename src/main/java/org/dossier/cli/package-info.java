/**
 * The command line (picocli): {@code serve}, {@code import}, {@code delete}, {@code generate} and
 * {@code rebuild}, each taking {@code --data} and {@code --config} the same way.
 */
package org.dossier.cli;
