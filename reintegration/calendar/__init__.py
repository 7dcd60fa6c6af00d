"""The working-day calendar: Monday to Friday, less the public holidays an admin keeps."""
