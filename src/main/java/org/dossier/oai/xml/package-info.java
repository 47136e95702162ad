/**
 * XML binding support for the OAI-PMH classes that JAXB generates from {@code schemas/oai/} into
 * the sub-packages of this one (envelope, oai_dc, oai-identifier, the EDM and MODS profiles, the
 * oai_qdc container and the XLink attribute MODS uses). The two hand-written classes here add what
 * an XSD cannot say: a root's own {@code xsi:schemaLocation} and the UTC form of date-times.
 */
package org.dossier.oai.xml;
