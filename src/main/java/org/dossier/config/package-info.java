/**
 * Typed configuration. Each {@link org.dossier.config.Setting} names its key, default and meaning;
 * {@link org.dossier.config.Settings} loads them once and is handed to the components that need
 * them. {@code conf/dossier.properties} documents the same keys and a test keeps the two in step.
 */
package org.dossier.config;
