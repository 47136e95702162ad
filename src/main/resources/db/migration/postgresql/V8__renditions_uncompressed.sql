-- Renditions kept as they are (issue 19). A rendition of a few kilobytes made its row longer than
-- PostgreSQL's TOAST threshold (about 2 kB), so PostgreSQL compressed the xml column with pglz,
-- and every ListRecords page paid for decompressing 100 of them; the deflated column is
-- compressed already. Rows now stay uncompressed in the table up to a page's worth (8160 bytes);
-- longer ones are moved out of line, still uncompressed. Rows written before keep their form
-- until they are rendered again.
ALTER TABLE renditions ALTER COLUMN xml SET STORAGE EXTERNAL;
ALTER TABLE renditions ALTER COLUMN deflated SET STORAGE EXTERNAL;
ALTER TABLE renditions SET (toast_tuple_target = 8160);
