"""Edition readers: template tables (2019, 2021), free text (pre-2019), issue lists."""
