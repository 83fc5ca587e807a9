"""A 名寄せ benchmark on real Japanese company names (EDINET code list); see README.md."""
