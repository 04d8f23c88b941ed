import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: 'Home' } },
    {
      path: '/patients',
      name: 'patients',
      component: () => import('./views/PatientsView.vue'),
      meta: { title: 'Patients' }
    },
    {
      path: '/patients/new',
      name: 'patient-new',
      component: () => import('./views/PatientNewView.vue'),
      meta: { title: 'New patient' }
    },
    {
      path: '/patients/:id(\\d+)',
      name: 'patient',
      component: () => import('./views/PatientView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Patient' }
    },
    {
      path: '/patients/:patientId(\\d+)/visits/new',
      name: 'visit-new',
      component: () => import('./views/VisitView.vue'),
      props: (route) => ({ patientId: Number(route.params.patientId) }),
      meta: { title: 'Record a visit' }
    },
    {
      path: '/patients/:patientId(\\d+)/visits/:visitId(\\d+)',
      name: 'visit-edit',
      component: () => import('./views/VisitView.vue'),
      props: (route) => ({
        patientId: Number(route.params.patientId),
        visitId: Number(route.params.visitId)
      }),
      meta: { title: 'Visit' }
    },
    {
      path: '/programs/:versionId(\\d+)',
      name: 'program',
      component: () => import('./views/ProgramView.vue'),
      props: (route) => ({ versionId: Number(route.params.versionId) }),
      meta: { title: 'Program' }
    },
    {
      path: '/library',
      name: 'library',
      component: () => import('./views/LibraryView.vue'),
      meta: { title: 'Library' }
    },
    {
      path: '/library/import',
      name: 'import',
      component: () => import('./views/ImportView.vue'),
      meta: { title: 'Import exercises' }
    },
    {
      path: '/library/new',
      name: 'exercise-new',
      component: () => import('./views/ExerciseEditView.vue'),
      meta: { title: 'New exercise' }
    },
    {
      path: '/library/:id(\\d+)/edit',
      name: 'exercise-edit',
      component: () => import('./views/ExerciseEditView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Edit exercise' }
    },
    {
      path: '/templates',
      name: 'templates',
      component: () => import('./views/TemplatesView.vue'),
      meta: { title: 'Templates' }
    },
    {
      path: '/templates/new',
      name: 'template-new',
      component: () => import('./views/TemplateEditView.vue'),
      props: (route) => (route.query.from ? { copyOf: Number(route.query.from) } : {}),
      meta: { title: 'New template' }
    },
    {
      path: '/templates/:id(\\d+)/edit',
      name: 'template-edit',
      component: () => import('./views/TemplateEditView.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
      meta: { title: 'Edit template' }
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./views/SettingsView.vue'),
      meta: { title: 'Settings' }
    },
    { path: '/:rest(.*)*', redirect: '/' }
  ]
})

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · PhysioPlan`
})
