-- /avance's participants per localidad, sector and age range: a covering index
-- over the consenting citizens' answers, read in group order, instead of a scan
-- of every citizen row and a sort. Written only when a citizen consents or
-- answers a profile question, never when a ballot is cast.
CREATE INDEX citizens_by_profile ON citizens (localidad, sector, age_range) WHERE consent_accepted = 1;
