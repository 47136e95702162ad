/**
 * The OAI-PMH 2.0 data provider at {@code /oai}: requests are parsed at the edge into an {@link
 * org.dossier.oai.OaiRequest}, one handler per verb answers from the catalog, and responses are
 * JAXB objects of the classes generated from {@code schemas/oai/}. Lists are paged by keyset on
 * (datestamp, id) with self-contained, HMAC-signed resumption tokens, so any replica continues any
 * harvest.
 */
package org.dossier.oai;
