"""What every domain uses: model mixins, auth decorators, audit, pagination, i18n helpers."""
