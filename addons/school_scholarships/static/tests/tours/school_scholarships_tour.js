/** @odoo-module **/
import { registry } from "@web/core/registry";

// A small PDF, as a phone's "choose file" would hand it to the form.
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

// The apoderado applies on the phone: household, draft, one document, submit.
registry.category("web_tour.tours").add("school_scholarships_guardian_apply", {
    url: "/my/scholarships",
    steps: () => [
        {
            content: "The open call offers the child",
            trigger: "form.o_school_scholarship_new select[name='student_id']",
            run: "selectByLabel Ana Tour",
        },
        {
            content: "Start the application",
            trigger: "form.o_school_scholarship_new .o_school_scholarship_start:contains('Comenzar la postulación')",
            run: "click",
        },
        {
            content: "A draft opens",
            trigger: ".o_school_scholarship[data-state='draft'] .o_school_scholarship_state:contains('Borrador')",
        },
        {
            content: "Declare the mother",
            trigger: "#o_school_scholarship_member input[name='name']",
            run: "edit María Tour",
        },
        {
            trigger: "#o_school_scholarship_member input[name='age']",
            run: "edit 41",
        },
        {
            trigger: "#o_school_scholarship_member select[name='relationship']",
            run: "select mother",
        },
        {
            trigger: "#o_school_scholarship_member select[name='occupation']",
            run: "select employee",
        },
        {
            trigger: "#o_school_scholarship_member input[name='income_salary']",
            run: "edit 420000",
        },
        {
            content: "Add the member",
            trigger: "#o_school_scholarship_member .o_school_scholarship_member_button:contains('Agregar integrante')",
            run: "click",
        },
        {
            content: "The member is listed",
            trigger: ".o_school_scholarship_notice:contains('Se agregó el integrante al grupo familiar.')",
        },
        {
            trigger: ".o_school_scholarship_members li:contains('María Tour'):contains('Madre')",
        },
        {
            content: "The form speaks Spanish",
            trigger: "#o_school_scholarship_save label[for='expense_loans']:contains('Créditos')",
        },
        {
            content: "The family rents its home (the option is read in Spanish)",
            trigger: "#o_school_scholarship_save select[name='housing_tenure']",
            run: "selectByLabel Arrendada",
        },
        {
            trigger: "#o_school_scholarship_save input[name='expense_housing']",
            run: "edit 250000",
        },
        {
            trigger: "#o_school_scholarship_save textarea[name='reason']",
            run: "edit Cesantía del padre desde agosto.",
        },
        {
            content: "Save the draft",
            trigger: "#o_school_scholarship_save .o_school_scholarship_save_button:contains('Guardar borrador')",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_school_scholarship_notice:contains('Se guardó el borrador.')",
        },
        {
            content: "Renting, the rental contract is now asked for; choose the file",
            trigger: ".o_school_scholarship_doc[data-doc-code='6.10'][data-provided='0'] input[type='file'][name='attachment']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File([PDF], "contrato.pdf", { type: "application/pdf" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Upload it",
            trigger: ".o_school_scholarship_doc[data-doc-code='6.10'] .o_school_scholarship_upload_button:contains('Subir')",
            run: "click",
        },
        {
            content: "Received, and listed on its line",
            trigger: ".o_school_scholarship_notice:contains('Se recibió el archivo.')",
        },
        {
            trigger: ".o_school_scholarship_doc[data-doc-code='6.10'][data-provided='1'] a.o_school_scholarship_file:contains('contrato.pdf')",
        },
        {
            content: "Submit",
            trigger: "#o_school_scholarship_submit button:contains('Presentar la postulación')",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_school_scholarship[data-state='submitted'] .o_school_scholarship_notice:contains('Se presentó la postulación.')",
        },
        {
            trigger: ".o_school_scholarship_state:contains('Presentada')",
        },
    ],
});
