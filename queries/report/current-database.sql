SELECT current_database() AS name;
