-- The city's own lists, once coded for Cartagena, are now catalog data: its
-- territorial units and what they are called, sectors, age ranges and voting
-- points, each with a Spanish and an English label. The consultation gets an
-- English title.

ALTER TABLE consultation ADD COLUMN title_en TEXT;
-- Databases loaded before this migration hold Cartagena's localidades.
ALTER TABLE consultation ADD COLUMN territory_es TEXT NOT NULL DEFAULT 'Localidad';
ALTER TABLE consultation ADD COLUMN territory_en TEXT NOT NULL DEFAULT 'Locality';
-- How the generic "outside the city" answer reads, when the catalog words it.
ALTER TABLE consultation ADD COLUMN outside_es TEXT;
ALTER TABLE consultation ADD COLUMN outside_en TEXT;
UPDATE consultation SET outside_es = 'Fuera de Cartagena', outside_en = 'Outside Cartagena';

CREATE TABLE catalog_choices (
    list     TEXT NOT NULL CHECK (list IN ('territory', 'sector', 'age_range', 'voting_point')),
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    es       TEXT NOT NULL,
    en       TEXT NOT NULL,
    minor    INTEGER NOT NULL DEFAULT 0 CHECK (minor IN (0, 1)),
    PRIMARY KEY (list, code)
);

-- A database with a catalog already loaded: its citizens answered from the lists
-- that were in code until now (Cartagena's), so those lists are stored with the
-- same codes and labels, and every stored answer and broadcast audience keeps
-- its meaning. "out" and "na" are the generic answers and need no row.
INSERT INTO catalog_choices (list, code, position, es, en, minor)
SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6
FROM (VALUES
    ('territory', 'l1', 0, 'Localidad 1 Histórica y del Caribe Norte', 'Locality 1 Histórica y del Caribe Norte', 0),
    ('territory', 'l2', 1, 'Localidad 2 De la Virgen y Turística', 'Locality 2 De la Virgen y Turística', 0),
    ('territory', 'l3', 2, 'Localidad 3 Industrial y de la Bahía', 'Locality 3 Industrial y de la Bahía', 0),
    ('sector', 'citizen', 0, 'Ciudadanía en general', 'Citizen at large', 0),
    ('sector', 'jac', 1, 'JAC u organización comunal', 'Community action board (JAC)', 0),
    ('sector', 'academia', 2, 'Academia', 'Academia', 0),
    ('sector', 'ngo', 3, 'Fundación u ONG', 'Foundation or NGO', 0),
    ('sector', 'group', 4, 'Grupo poblacional', 'Population group', 0),
    ('sector', 'public', 5, 'Servidor(a) público(a)', 'Public servant', 0),
    ('age_range', 'u18', 0, 'Menos de 18 años', 'Under 18', 1),
    ('age_range', '18-28', 1, '18 a 28 años', '18 to 28', 0),
    ('age_range', '29-44', 2, '29 a 44 años', '29 to 44', 0),
    ('age_range', '45-59', 3, '45 a 59 años', '45 to 59', 0),
    ('age_range', '60+', 4, '60 años o más', '60 or older', 0)
) AS v
WHERE EXISTS (SELECT 1 FROM consultation);

CREATE TRIGGER catalog_choices_insert_bumps_catalog AFTER INSERT ON catalog_choices
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER catalog_choices_update_bumps_catalog AFTER UPDATE ON catalog_choices
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER catalog_choices_delete_bumps_catalog AFTER DELETE ON catalog_choices
BEGIN UPDATE catalog_version SET version = version + 1; END;
