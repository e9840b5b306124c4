-- 004_citation_url: the URL a text gives for a document it cites
-- ("https://…/report.pdf" next to "the report"), from citations[].url.
ALTER TABLE citations ADD COLUMN url TEXT;
