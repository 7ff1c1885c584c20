using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegionalWorkspace.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Head",
                table: "PracticeSearchDocuments");
        }
    }
}
