using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegionalWorkspace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PracticeSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A stored tsvector: matching (GIN) and ranking read it instead of re-parsing every document.
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_PracticeSearchDocuments_Content_fts\";");
            migrationBuilder.Sql("ALTER TABLE \"PracticeSearchDocuments\" ADD COLUMN \"SearchVector\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', \"Content\")) STORED;");
            migrationBuilder.Sql("CREATE INDEX \"IX_PracticeSearchDocuments_SearchVector\" ON \"PracticeSearchDocuments\" USING GIN (\"SearchVector\");");


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_PracticeSearchDocuments_SearchVector\";");
            migrationBuilder.Sql("ALTER TABLE \"PracticeSearchDocuments\" DROP COLUMN IF EXISTS \"SearchVector\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_PracticeSearchDocuments_Content_fts\" ON \"PracticeSearchDocuments\" USING GIN (to_tsvector('simple', \"Content\"));");


        }
    }
}
