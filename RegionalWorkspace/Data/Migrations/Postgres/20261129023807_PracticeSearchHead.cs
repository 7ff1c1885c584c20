using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegionalWorkspace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PracticeSearchHead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Head",
                table: "PracticeSearchDocuments",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("ALTER TABLE \"PracticeSearchDocuments\" ADD COLUMN \"HeadVector\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', \"Head\")) STORED;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"PracticeSearchDocuments\" DROP COLUMN IF EXISTS \"HeadVector\";");

            migrationBuilder.DropColumn(
                name: "Head",
                table: "PracticeSearchDocuments");
        }
    }
}
