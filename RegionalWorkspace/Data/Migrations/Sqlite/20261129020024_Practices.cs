using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegionalWorkspace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Practices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Practices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Themes = table.Column<int>(type: "INTEGER", maxLength: 32, nullable: false),
                    SubThemes = table.Column<int>(type: "INTEGER", maxLength: 32, nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Results = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Indicators = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Practices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Practices_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Practices_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeAdoptions_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PracticeAdoptions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeAttachments_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AuthorRegionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeComments_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeSearchDocuments",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeSearchDocuments", x => x.PracticeId);
                    table.ForeignKey(
                        name: "FK_PracticeSearchDocuments_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeTags",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeTags", x => new { x.PracticeId, x.Tag });
                    table.ForeignKey(
                        name: "FK_PracticeTags_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeTexts_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeVersions_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAdoptions_PracticeId_RegionId",
                table: "PracticeAdoptions",
                columns: new[] { "PracticeId", "RegionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAdoptions_RegionId",
                table: "PracticeAdoptions",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAttachments_PracticeId",
                table: "PracticeAttachments",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeComments_PracticeId",
                table: "PracticeComments",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_BodyId",
                table: "Practices",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_RegionId",
                table: "Practices",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_Status_RegionId",
                table: "Practices",
                columns: new[] { "Status", "RegionId" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeTags_Tag",
                table: "PracticeTags",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeTexts_PracticeId_Language",
                table: "PracticeTexts",
                columns: new[] { "PracticeId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeVersions_PracticeId_Number",
                table: "PracticeVersions",
                columns: new[] { "PracticeId", "Number" },
                unique: true);

            // Full-text search: an FTS5 index over PracticeSearchDocuments, kept in step by triggers.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PracticeFts USING fts5(Content, content='PracticeSearchDocuments', content_rowid='PracticeId', tokenize='unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("CREATE TRIGGER PracticeSearchDocuments_ai AFTER INSERT ON PracticeSearchDocuments BEGIN INSERT INTO PracticeFts(rowid, Content) VALUES (new.PracticeId, new.Content); END;");
            migrationBuilder.Sql("CREATE TRIGGER PracticeSearchDocuments_ad AFTER DELETE ON PracticeSearchDocuments BEGIN INSERT INTO PracticeFts(PracticeFts, rowid, Content) VALUES ('delete', old.PracticeId, old.Content); END;");
            migrationBuilder.Sql("CREATE TRIGGER PracticeSearchDocuments_au AFTER UPDATE ON PracticeSearchDocuments BEGIN INSERT INTO PracticeFts(PracticeFts, rowid, Content) VALUES ('delete', old.PracticeId, old.Content); INSERT INTO PracticeFts(rowid, Content) VALUES (new.PracticeId, new.Content); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PracticeSearchDocuments_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PracticeSearchDocuments_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PracticeSearchDocuments_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS PracticeFts;");

            migrationBuilder.DropTable(
                name: "PracticeAdoptions");

            migrationBuilder.DropTable(
                name: "PracticeAttachments");

            migrationBuilder.DropTable(
                name: "PracticeComments");

            migrationBuilder.DropTable(
                name: "PracticeSearchDocuments");

            migrationBuilder.DropTable(
                name: "PracticeTags");

            migrationBuilder.DropTable(
                name: "PracticeTexts");

            migrationBuilder.DropTable(
                name: "PracticeVersions");

            migrationBuilder.DropTable(
                name: "Practices");
        }
    }
}
